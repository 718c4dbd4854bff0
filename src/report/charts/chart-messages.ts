import type { Lang } from '../format/index.js';

/** The wording of the charts, their text alternatives and data tables, in each language. */
export interface ChartMessages {
  readonly indicator: string;
  readonly percentage: string;
  readonly marginOfError: string;
  readonly confidenceInterval: string;
  readonly base: string;
  readonly descending: string;
  readonly intervalNote: string;
  readonly marginNote: string;
  readonly bandNote: string;
  readonly baseNote: (base: string) => string;
  readonly basesNote: (low: string, high: string) => string;
  readonly column: string;
  readonly status: string;
  readonly lowBase: string;
  readonly suppressed: string;
  readonly lowBaseNote: (threshold: string) => string;
  readonly lowBaseText: (threshold: string) => string;
  readonly suppressedNote: (threshold: string, labels: string) => string;
  readonly notShown: string;
  readonly lettersNote: string;
  readonly higherThan: (letters: string) => string;
  readonly wave: string;
  readonly significantUp: string;
  readonly significantDown: string;
  readonly changeNote: string;
  readonly dimension: string;
  readonly respondent: string;
  readonly allCompanies: string;
  readonly sameSize: string;
  readonly scoreNote: string;
  readonly day: string;
  readonly completes: string;
  readonly partials: string;
  readonly total: string;
  /** `40 complets`, `1 partiel` with the agreement of the language */
  readonly responsesCount: (formatted: string, n: number, partial: boolean) => string;
  readonly noData: string;
}

const fr: ChartMessages = {
  indicator: 'Indicateur',
  percentage: 'Pourcentage',
  marginOfError: 'Marge d’erreur (95\u00A0%)',
  confidenceInterval: 'Intervalle de confiance à 95\u00A0%',
  base: 'Base (n)',
  descending: 'par ordre décroissant',
  intervalNote: 'Traits\u00A0: intervalle de confiance à 95\u00A0%',
  marginNote: 'Marges d’erreur à 95\u00A0%',
  bandNote: 'Zone et traits\u00A0: intervalle de confiance à 95\u00A0%',
  baseNote: (base) => `base\u00A0: ${base} répondants`,
  basesNote: (low, high) => `bases\u00A0: de ${low} à ${high} répondants`,
  column: 'Colonne',
  status: 'Remarque',
  lowBase: 'base faible',
  suppressed: 'non publié',
  lowBaseNote: (threshold) => `En clair, contour pointillé\u00A0: base faible (n < ${threshold}), à lire avec prudence`,
  lowBaseText: (threshold) => `Base faible\u00A0: moins de ${threshold} répondants, à lire avec prudence`,
  suppressedNote: (threshold, labels) => `Non publié (n < ${threshold})\u00A0: ${labels}`,
  notShown: 'non publié',
  lettersNote: 'Lettres\u00A0: significativement supérieur à la colonne de cette lettre (seuil de 5\u00A0%)',
  higherThan: (letters) => `supérieur à ${letters}`,
  wave: 'Vague',
  significantUp: 'hausse significative',
  significantDown: 'baisse significative',
  changeNote: '▲\u00A0▼\u00A0: évolution significative au seuil de 5\u00A0%',
  dimension: 'Dimension',
  respondent: 'Votre entreprise',
  allCompanies: 'Toutes les entreprises',
  sameSize: 'Entreprises de votre taille',
  scoreNote: 'Score de 0 à 100',
  day: 'Jour',
  completes: 'Complets',
  partials: 'Partiels',
  total: 'Total',
  responsesCount: (formatted, n, partial) => `${formatted} ${partial ? 'partiel' : 'complet'}${n >= 2 ? 's' : ''}`,
  noData: 'Aucune donnée',
};

const en: ChartMessages = {
  indicator: 'Indicator',
  percentage: 'Percentage',
  marginOfError: 'Margin of error (95%)',
  confidenceInterval: '95% confidence interval',
  base: 'Base (n)',
  descending: 'in descending order',
  intervalNote: 'Lines: 95% confidence interval',
  marginNote: 'Margins of error at 95%',
  bandNote: 'Band and lines: 95% confidence interval',
  baseNote: (base) => `base: ${base} respondents`,
  basesNote: (low, high) => `bases: ${low} to ${high} respondents`,
  column: 'Column',
  status: 'Note',
  lowBase: 'low base',
  suppressed: 'not published',
  lowBaseNote: (threshold) => `Light, dashed outline: low base (n < ${threshold}), read with caution`,
  lowBaseText: (threshold) => `Low base: fewer than ${threshold} respondents, read with caution`,
  suppressedNote: (threshold, labels) => `Not published (n < ${threshold}): ${labels}`,
  notShown: 'not published',
  lettersNote: 'Letters: significantly higher than the column of that letter (5% level)',
  higherThan: (letters) => `higher than ${letters}`,
  wave: 'Wave',
  significantUp: 'significant rise',
  significantDown: 'significant fall',
  changeNote: '▲ ▼: significant change at the 5% level',
  dimension: 'Dimension',
  respondent: 'Your company',
  allCompanies: 'All companies',
  sameSize: 'Companies of your size',
  scoreNote: 'Score from 0 to 100',
  day: 'Day',
  completes: 'Complete',
  partials: 'Partial',
  total: 'Total',
  responsesCount: (formatted, _n, partial) => `${formatted} ${partial ? 'partial' : 'complete'}`,
  noData: 'No data',
};

const MESSAGES: Readonly<Record<Lang, ChartMessages>> = Object.freeze({ fr, en });

export function chartMessages(lang: Lang): ChartMessages {
  return MESSAGES[lang];
}
