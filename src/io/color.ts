import type { CommandIO } from "../commands/command.js";

/** Colour only on a TTY, never with NO_COLOR (https://no-color.org) or --no-color; --color forces it. */
export function useColor(io: CommandIO, flags: { color?: boolean | undefined; "no-color"?: boolean | undefined }): boolean {
  if (flags["no-color"]) return false;
  if (io.env["NO_COLOR"] !== undefined && io.env["NO_COLOR"] !== "") return false;
  if (flags.color) return true;
  return io.isTTY;
}
