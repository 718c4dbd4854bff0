import { formatNumber, type Lang } from '../format/index.js';
import { base, moe, pct } from '../pdf/figures.js';
import type { BenchmarkFigure } from './benchmark-model.js';
import { t } from '../../messages/index.js';

/** A compared figure as text: `65 % (± 3,1 pts, n = 1 012)`, the low-base mark, or why it is not shown. */
export function benchmarkFigure(figure: BenchmarkFigure | null, lang: Lang): string {
  if (!figure) return '–';
  if (figure.suppressed || figure.estimate === null) return `– (${t(lang, 'benchmark.indicators.suppressed')}, ${base(figure.n, lang)})`;
  return `${pct(figure.estimate, lang)} (${moe(figure, lang)}, ${base(figure.n, lang)})${figure.lowBase ? ` * ${t(lang, 'benchmark.indicators.lowBase')}` : ''}`;
}

/** A 0–100 score as text (a dash when not available). */
export const score = (value: number, lang: Lang) => formatNumber(value, lang);
