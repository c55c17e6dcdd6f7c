import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../exit-codes.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs, with its errors turned into one-line usage errors; a flag's value may not be empty. */
export function parseFlags<T extends Options>(args: string[], options: T) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(flagProblem(error, args, options));
  }
  refuseEmptyValues(parsed.values);
  return parsed;
}

/** parseFlags for a command that takes no arguments (`init`, `schema`): one given is a usage error, not ignored. */
export function parseFlagsOnly<T extends Options>(command: string, args: string[], options: T) {
  const { values, positionals } = parseFlags(args, options);
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments (got "${positionals[0]}")`);
  return values;
}

/**
 * `--output "$OUT"` with OUT unset: an empty file name meant the working folder (`cannot write
 * : EISDIR`), and an empty `--lineage` read every JSON file under it. Said as empty paths are.
 */
function refuseEmptyValues(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === "" || (Array.isArray(value) && value.includes(""))) throw new UsageError(`--${name} was given an empty value (an unset variable?)`);
  }
}

/**
 * parseArgs's message as one line (README: exit-2 errors are one line). A value that starts
 * with "-" (`--depth -1`) is taken for the next flag, and parseArgs explains that in three
 * lines, in terms of `--depth=-XYZ`: said here once, with the value the user typed.
 */
function flagProblem(error: unknown, args: readonly string[], options: Options): string {
  const message = error instanceof Error ? error.message : String(error);
  const ambiguous = /^Option '(-[^']+)' argument is ambiguous/.exec(message);
  if (ambiguous?.[1] !== undefined) {
    const flag = longFlag(ambiguous[1], options);
    const value = args[args.indexOf(ambiguous[1]) + 1] ?? "-";
    return `option ${flag} needs a value; to pass a value starting with "-", write ${flag}=${value}`;
  }
  const missing = /^Option '(?:-\w, )?(--[^ ']+)[^']*' argument missing/.exec(message);
  if (missing?.[1] !== undefined) return `option ${missing[1]} needs a value`;
  // Other messages: the advice about positionals after "--" is dropped; anything left on more lines is joined.
  return message.replace(/\. To specify a positional.*$/s, "").replace(/\s*\n\s*/g, " ");
}

/** `--depth` for `-d` or `--depth`. */
function longFlag(flag: string, options: Options): string {
  if (flag.startsWith("--")) return flag;
  const name = Object.keys(options).find((key) => options[key]?.short === flag.slice(1));
  return name === undefined ? flag : `--${name}`;
}

/** Checks a flag value against its allowed values. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}
