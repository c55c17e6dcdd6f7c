import { onTheCalendar } from "../../analyzer/schema/manifest.js";
import { UsageError } from "../exit-codes.js";

/**
 * Today's date as YYYY-MM-DD (UTC), for acknowledgement expiry. LOOPSCOPE_TODAY overrides it
 * for reproducible runs; an override that is not a real date is a usage error (it was ignored,
 * so a run meant to be pinned quietly used the clock).
 */
export function today(): string {
  const override = process.env["LOOPSCOPE_TODAY"];
  if (override === undefined || override === "") return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(override) || !onTheCalendar(override)) throw new UsageError(`LOOPSCOPE_TODAY must be a date YYYY-MM-DD that exists on the calendar (got ${JSON.stringify(override)})`);
  return override;
}
