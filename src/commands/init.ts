import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "./command.js";
import { parseFlagsOnly } from "../io/parse-flags.js";
import { CONFIG_FILE_NAMES, findConfigFile } from "../io/load-config.js";
import { starterConfig } from "../../analyzer/schema/starter-config.js";
import { RULES } from "../../analyzer/rules/index.js";
import { docsUrl, RAW_BASE_URL } from "../../analyzer/report/docs-url.js";
import { UsageError } from "../exit-codes.js";
import { errnoText } from "../io/errno-text.js";

export const initCommand: Command = {
  name: "init",
  summary: "write a commented starter loopscope.config.yaml",
  usage: [
    "Usage: loopscope init",
    "",
    "Writes loopscope.config.yaml in the current folder: failOn (set to its default, error),",
    "then include/exclude and every rule with its default severity and options, commented out.",
    "Never overwrites a config.",
  ].join("\n"),
  async run(args, io) {
    parseFlagsOnly("init", args, {});
    const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(io.cwd, name)));
    if (existing) throw new UsageError(`${existing} already exists; not overwriting it`);
    const shadowed = findConfigFile(io.cwd);
    const target = join(io.cwd, CONFIG_FILE_NAMES[0]);
    try {
      writeFileSync(target, starterConfig(RULES, docsUrl("docs/config.md"), docsUrl("docs/loopscope.config.schema.json", RAW_BASE_URL)), { flag: "wx" });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot write ${CONFIG_FILE_NAMES[0]}: ${code !== undefined ? errnoText(code) : String(error)}`);
    }
    io.stdout(`wrote ${CONFIG_FILE_NAMES[0]}\n`);
    if (shadowed) io.stderr(`note: it takes precedence over ${shadowed} for this folder and the folders below it\n`);
    return 0;
  },
};
