import type { Lang } from './lang.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** How a language writes numbers, percentages and percentage points. */
export interface NumberConventions {
  readonly decimal: string;
  readonly group: string;
  /** the fewest integer digits that get grouped: 4 groups 1 200; 5 leaves 1200 and groups 12 000 */
  readonly groupFrom: number;
  /** between the number and `%` */
  readonly percentSpace: string;
  /** the abbreviation of "percentage points" after a margin of error */
  readonly points: string;
  /** the abbreviation of one percentage point (`0 pt`, `−1 pt` in French; `1 pt` in English) */
  readonly point: string;
  /** between the two bounds of an interval written `[lower ; upper]` */
  readonly intervalSeparator: string;
}

/**
 * One table for every interface language:
 * - fr: `1 234,5` (narrow no-break space, Imprimerie nationale), `65 %`, `± 2,8 pts`, `[88,8 % ; 96,0 %]`;
 * - en: `1,234.5`, `65%`, `± 2.8 pts`;
 * - de: `1.234,5` (Duden: a dot groups thousands in running text), `65 %` (DIN 5008: a space before %),
 *   `± 2,8 Pp.` (Prozentpunkte);
 * - es: `1234,5` but `12 345,5` (RAE, Ortografía 2010: decimal comma; thousands grouped by a thin space,
 *   and only from five digits), `65 %` (RAE: the sign is spaced), `± 2,8 p. p.` (puntos porcentuales).
 */
export const NUMBER_CONVENTIONS: Readonly<Record<Lang, NumberConventions>> = Object.freeze({
  fr: { decimal: ',', group: NNBSP, groupFrom: 4, percentSpace: NBSP, points: 'pts', point: 'pt', intervalSeparator: `${NBSP};${NBSP}` },
  en: { decimal: '.', group: ',', groupFrom: 4, percentSpace: '', points: 'pts', point: 'pt', intervalSeparator: `;${NBSP}` },
  de: { decimal: ',', group: '.', groupFrom: 4, percentSpace: NBSP, points: 'Pp.', point: 'Pp.', intervalSeparator: `;${NBSP}` },
  es: { decimal: ',', group: NNBSP, groupFrom: 5, percentSpace: NBSP, points: `p.${NBSP}p.`, point: `p.${NBSP}p.`, intervalSeparator: `;${NBSP}` },
});
