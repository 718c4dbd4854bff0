/**
 * Where waves sit on a trend chart's x axis, given their codes in series order (oldest first): their years
 * when every code is a year and they increase (a skipped year then shows as a gap), else their ranks 1..n
 * (codes such as `T4-2025`, `T1-2026` or `vague 3` say nothing a chart could space by).
 * @example wavePositions(['2015', '2017']) // [2015, 2017]
 * @example wavePositions(['T4-2025', 'T1-2026']) // [1, 2]
 */
export function wavePositions(codes: readonly string[]): number[] {
  const years = codes.map((code) => (/^\d{4}$/.test(code) ? Number(code) : Number.NaN));
  const increasing = years.every((y, k) => Number.isInteger(y) && (k === 0 || y > years[k - 1]));
  return increasing ? years : codes.map((_, k) => k + 1);
}
