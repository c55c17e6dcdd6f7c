import { withoutControls } from "../../analyzer/report/visible-text.js";

/**
 * Manifest text as the page shows it: control and bidirectional-override characters written as
 * escapes (as the CLI's text report does), so an owner written "team-\u202Eevil" cannot pass
 * for "team-live" or reverse the page's own words after it. Exports keep the text as it is.
 */
export const readable = (text: string): string => withoutControls(text);

/** A label for a narrow control (the estate picker, messages): shown, and cut with an ellipsis past `max` characters. */
export function shortLabel(text: string, max = 60): string {
  const safe = withoutControls(text);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
