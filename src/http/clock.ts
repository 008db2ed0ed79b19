/** Today's calendar date in Việt Nam (UTC+7, no daylight saving), or the configured fixed date. */
export function vietnamToday(fixed?: string, now: Date = new Date()): string {
  if (fixed) return fixed;
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
