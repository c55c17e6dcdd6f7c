/** Today's date as YYYY-MM-DD (UTC), for acknowledgement expiry. LOOPSCOPE_TODAY overrides it for reproducible runs. */
export function today(): string {
  const override = process.env["LOOPSCOPE_TODAY"];
  if (override && /^\d{4}-\d{2}-\d{2}$/.test(override)) return override;
  return new Date().toISOString().slice(0, 10);
}
