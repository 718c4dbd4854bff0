/**
 * The period a wave code names, for synthetic waves of any study: a quarter (`T3-2025`, `Q3-2025`,
 * `2025-Q3`, `2025-T3`), a month (`2025-09`, `09-2025`) or a year (`2025`). Returns the first day of the
 * period (UTC midnight) and its length in months, or undefined when the code names no period.
 * @example waveCodePeriod('T1-2026') // { start: 2026-01-01T00:00:00.000Z, months: 3 }
 */
export function waveCodePeriod(code: string): { start: Date; months: number } | undefined {
  const text = code.trim();
  let m = /^[TQ]([1-4])[-_ /]?((?:19|20|21)\d\d)$/i.exec(text);
  if (m) return quarter(Number(m[2]), Number(m[1]));
  m = /^((?:19|20|21)\d\d)[-_ /]?[TQ]([1-4])$/i.exec(text);
  if (m) return quarter(Number(m[1]), Number(m[2]));
  m = /^((?:19|20|21)\d\d)-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return { start: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)), months: 1 };
  m = /^(0[1-9]|1[0-2])-((?:19|20|21)\d\d)$/.exec(text);
  if (m) return { start: new Date(Date.UTC(Number(m[2]), Number(m[1]) - 1, 1)), months: 1 };
  m = /^((?:19|20|21)\d\d)$/.exec(text);
  if (m) return { start: new Date(Date.UTC(Number(m[1]), 0, 1)), months: 12 };
  return undefined;
}

function quarter(year: number, q: number): { start: Date; months: number } {
  return { start: new Date(Date.UTC(year, 3 * (q - 1), 1)), months: 3 };
}
