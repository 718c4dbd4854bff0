/** The store's time format: ISO-8601 UTC text with milliseconds, which sorts as text. */
export function isoTime(date: Date = new Date()): string {
  return date.toISOString();
}
