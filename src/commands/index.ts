import type { Command } from "./command.js";
import { lintCommand } from "./lint.js";
import { graphCommand } from "./graph.js";
import { schemaCommand } from "./schema.js";
import { initCommand } from "./init.js";
import { baselineCommand } from "./baseline.js";
import { impactCommand } from "./impact.js";
import { historyCommand } from "./history.js";
import { queryCommand } from "./query.js";
import { importCommand } from "./import.js";

/** Every `loopscope` command, in the order `--help` lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [lintCommand, graphCommand, schemaCommand, initCommand, baselineCommand, impactCommand, historyCommand, queryCommand, importCommand];
