import type { Notice } from "../../analyzer/types.js";
import { visible } from "../../analyzer/report/visible-text.js";

/** A notice as one line for stderr, `file:line:column: message`, its characters shown as escapes. */
export function formatNotice(notice: Notice): string {
  const where = notice.file === undefined ? "" : `${notice.file}${notice.line !== undefined ? `:${notice.line}:${notice.column ?? 1}` : ""}: `;
  return visible(`${where}${notice.message}`);
}
