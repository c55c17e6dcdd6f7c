import type { Command } from "./command.js";
import { manifestJsonSchema } from "../../analyzer/schema/json-schema.js";
import { EXIT } from "../exit-codes.js";
import { parseFlagsOnly } from "../io/parse-flags.js";

export const schemaCommand: Command = {
  name: "schema",
  summary: "print the manifest JSON Schema (for editor completion)",
  usage: `Usage: loopscope schema > loopscope.schema.json

Prints the JSON Schema of the manifest format v1, generated from Loopscope's own zod
schema. Point your editor at it with a first line in each manifest:
  # yaml-language-server: $schema=./loopscope.schema.json
`,
  async run(args, io) {
    parseFlagsOnly("schema", args, {});
    io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  },
};
