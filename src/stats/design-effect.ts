/**
 * Relative size under which a unit variance is rounding noise: the table engine's one-pass variance
 * (Σwy²/Σw − ȳ²) of a constant variable leaves about 1e-16 of the second moment; a real variable's coefficient
 * of variation would have to be below 3e-7 to fall under this.
 */
const ROUNDING = 1e-13;

/**
 * Design effect: the design variance over that of a simple random sample of the same base, or null ("not
 * available") when the variable does not vary in the base to rounding (p = 0 or 1, a constant): both
 * variances are then zero up to rounding and their ratio is noise (it gave 0.78 for a constant).
 * O(1).
 * @example designEffect(2e-4, 1e-4, 0.25) // 2
 * @example designEffect(1e-33, 1.3e-33, 1) // null
 */
export function designEffect(variance: number, srsVariance: number, unitVariance: number, secondMoment: number): number | null {
  if (!(unitVariance > ROUNDING * Math.abs(secondMoment)) || !(srsVariance > 0)) return null;
  const deff = variance / srsVariance;
  return Number.isFinite(deff) ? deff : null;
}
