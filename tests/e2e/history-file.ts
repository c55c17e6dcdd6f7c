import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runCli } from "../helpers/run-cli.js";

/**
 * A history file written by the CLI over three versions of the bike shop:
 * run 1 without the storefront service, run 2 the sample as it is, run 3 with fraud-score owned.
 */
export function writeHistory(dir: string): string {
  const estate = join(dir, "estate");
  cpSync(join(ROOT, "samples/bike-shop"), estate, { recursive: true });
  const storefront = join(estate, "services/storefront.yaml");
  const storefrontText = readFileSync(storefront, "utf8");
  const fraud = join(estate, "models/fraud-score.yaml");
  const fraudText = readFileSync(fraud, "utf8");
  const lint = (commit: string) => {
    const result = runCli(["lint", "estate", "--db", "history.sqlite", "--fail-on", "never"], { cwd: dir, env: { LOOPSCOPE_COMMIT: commit } });
    if (result.code !== 0) throw new Error(result.stderr);
  };
  rmSync(storefront);
  lint("1111111");
  writeFileSync(storefront, storefrontText);
  lint("2222222");
  writeFileSync(fraud, fraudText.replace("name: fraud-score\n", "name: fraud-score\nowner: team-risk\n"));
  lint("3333333");
  return join(dir, "history.sqlite");
}

