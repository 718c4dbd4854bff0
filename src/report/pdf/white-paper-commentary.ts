import type { BannerInfo, IndicatorResult, WaveResults } from '../../analysis/wave-results-types.js';
import type { Lang } from '../format/index.js';
import { base, moe, pct, points } from './figures.js';
import { bannerName } from './banner-name.js';
import { t } from '../../messages/index.js';
import { labelIn, unitWords } from '../../study/index.js';

/** A wave as a sentence names it: its code when it is a year, else its title. */
export const waveName = (wave: { readonly code: string; readonly title: string }) => (/^\d{4}$/.test(wave.code) ? wave.code : wave.title);

/**
 * What the white paper says of one indicator, generated from its numbers: its level with the margin of
 * error and base, then its change since the previous published wave, called a rise or a fall only when the
 * test says it is significant at 5 %.
 */
export function indicatorComment(results: WaveResults, indicator: IndicatorResult, lang: Lang): string {
  if (indicator.estimate === null) return '';
  const level = t(lang, 'pdf.comment.levelUnits', {
    ...unitWords(results.study, lang),
    label: labelIn(indicator.label, lang),
    percent: pct(indicator.estimate, lang),
    margin: moe(indicator, lang),
    base: base(indicator.n, lang),
  });
  const trend = indicator.trend;
  if (!trend || !results.previousWave) return results.previousWave ? `${level} ${t(lang, 'pdf.comment.first')}` : level;
  const previous = waveName(results.previousWave);
  const params = { previous, before: pct(trend.previous, lang), points: points(trend.difference, lang).replace(/^[+−]/, ''), diff: points(trend.difference, lang) };
  if (!trend.significant) return `${level} ${t(lang, 'pdf.comment.stable', params)}`;
  return `${level} ${t(lang, trend.difference > 0 ? 'pdf.comment.rise' : 'pdf.comment.fall', params)}`;
}

/**
 * The spread of an indicator across a profile variable's published columns (low bases left out), and
 * whether the highest column is significantly above the lowest.
 */
export function cutComment(indicator: IndicatorResult, banner: BannerInfo, lang: Lang): string | null {
  const cells = (indicator.cuts[banner.id] ?? []).filter((c) => c.estimate !== null && !c.lowBase && !c.suppressed);
  if (cells.length < 2) return null;
  const sorted = [...cells].sort((a, b) => a.estimate! - b.estimate!);
  const low = sorted[0],
    high = sorted[sorted.length - 1];
  const significant = high.letters.includes(low.letter);
  return t(lang, 'pdf.comment.cut', {
    banner: bannerName(lang, banner),
    low: pct(low.estimate, lang),
    lowLabel: labelIn(low.label, lang),
    high: pct(high.estimate, lang),
    highLabel: labelIn(high.label, lang),
    significance: t(lang, significant ? 'pdf.comment.cutSignificant' : 'pdf.comment.cutNot'),
  });
}

/** The first two items of a ranked group and whether their intervals overlap. */
export function hierarchyComment(ranked: readonly IndicatorResult[], lang: Lang): string | null {
  const [first, second] = ranked;
  if (!first?.ci || !second?.ci) return null;
  const apart = first.ci[0] > second.ci[1];
  return t(lang, 'pdf.hierarchy.first', {
    first: labelIn(first.label, lang),
    firstPercent: pct(first.estimate, lang),
    second: labelIn(second.label, lang),
    secondPercent: pct(second.estimate, lang),
    verdict: t(lang, apart ? 'pdf.hierarchy.apart' : 'pdf.hierarchy.overlap'),
  });
}
