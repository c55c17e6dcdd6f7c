import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/**
 * Where `cwd` is inside its git repository, as a POSIX prefix (`services/ranking/`), or
 * undefined at the root or outside a repository. SARIF paths are read from the repository
 * root by code scanning, so a lint run in a sub-folder prefixes its paths with this.
 */
export function repositoryPrefix(cwd: string): string | undefined {
  let directory = resolve(cwd);
  for (;;) {
    if (existsSync(join(directory, ".git"))) {
      const inside = relative(directory, resolve(cwd)).split(sep).join("/");
      return inside === "" ? undefined : `${inside}/`;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
