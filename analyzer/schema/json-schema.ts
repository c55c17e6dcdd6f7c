import { z } from "zod";
import { manifestSchema } from "./manifest.js";

/** JSON Schema for editors (`# yaml-language-server: $schema=...`), generated from zod. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, $id: "https://loopscope.dev/schema/manifest-v1.json", title: "Loopscope manifest (loopscope/v1)" };
}
