/**
 * Control characters (C0, DEL, C1) and the bidirectional controls used by "Trojan Source":
 * from a file name or a manifest string they could recolour or clear a terminal, move its
 * cursor, set its title, break one finding per line, or show text in another order than it
 * is stored. A file name may hold any of them; git allows it.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * GitHub Actions reads a log line that starts (after blanks) with `::` as a workflow command
 * (`::error file=…::`, `::add-mask::`), and `##[` anywhere in a line as its older form. The
 * GitHub Action prints the text report to the job log, so a file named `::error …` or an owner
 * holding `##[error]` would make annotations: the first `:` or `#` of either is escaped
 * (`\x3a:`, `\x23#[`).
 */
const WORKFLOW = /^\s*:(?=:)|#(?=#\[)/;
const WORKFLOW_ALL = new RegExp(WORKFLOW.source, "g");

/**
 * Text for a terminal or a human-readable report: every unsafe character written as an
 * escape (`\n`, `\t`, `\r`, `\x1b`, `\u202e`), everything else as is. Machine formats (JSON,
 * SARIF, CSV) keep the text exactly; they escape what their syntax needs themselves.
 */
export function visible(text: string): string {
  const safe = withoutControls(text);
  return WORKFLOW.test(safe) ? safe.replace(WORKFLOW_ALL, (m) => m.slice(0, -1) + escape(m.slice(-1))) : safe;
}

/** Control and bidirectional characters as escapes, nothing else: for a page, which has no job log to protect. */
export function withoutControls(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escape) : text;
}

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}
