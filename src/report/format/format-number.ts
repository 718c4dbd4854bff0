import type { Lang } from './lang.js';
import { NUMBER_CONVENTIONS } from './number-conventions.js';

/** Non-finite values (NaN for a missing estimate) are shown as an en dash. */
export const MISSING = '–';

/** `x · 10^digits` on the decimal representation, which may already hold an exponent (`1.9e-7`). */
const shiftDecimal = (x: number, digits: number): number => {
  const [mantissa, exponent = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent) + digits}`);
};

/**
 * Rounds half away from zero at `digits` decimals, working on the decimal representation so that
 * 1.005 rounds to 1.01 (toFixed gives 1.00); tiny numbers (written with an exponent: 1.9e-7) too.
 */
export function roundHalfAwayFromZero(x: number, digits: number): number {
  const sign = x < 0 ? -1 : 1;
  return sign * shiftDecimal(Math.round(shiftDecimal(Math.abs(x), digits)), -digits);
}

/**
 * Formats a number for a page or a PDF in the language's conventions (`NUMBER_CONVENTIONS`): fr `1 200,5`
 * (narrow no-break space U+202F between thousands, decimal comma), en `1,200.5`, de `1.200,5`, es `1200,5`
 * and `12 000,5`. Rounds half away from zero; never prints "-0".
 * @example formatNumber(1200, 'fr') // '1 200' (U+202F)
 */
export function formatNumber(n: number, lang: Lang, digits = 0): string {
  if (!Number.isFinite(n)) return MISSING;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`formatNumber: digits must be an integer in 0..20, got ${digits}`);
  const rounded = roundHalfAwayFromZero(n, digits);
  const fixed = Math.abs(rounded).toFixed(digits);
  const [integer, decimals] = fixed.split('.') as [string, string | undefined];
  const conventions = NUMBER_CONVENTIONS[lang];
  const grouped = integer.length < conventions.groupFrom ? integer : integer.replace(/\B(?=(\d{3})+(?!\d))/g, conventions.group);
  const decimalSeparator = conventions.decimal;
  const negative = rounded < 0 && !/^[0.]*$/.test(fixed);
  return `${negative ? '-' : ''}${grouped}${decimals === undefined ? '' : decimalSeparator + decimals}`;
}
