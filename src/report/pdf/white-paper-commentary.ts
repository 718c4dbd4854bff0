import type { BannerInfo, IndicatorResult, WaveResults } from '../../analysis/wave-results-types.js';
import { formatNumber, type Lang } from '../format/index.js';
import { base, moe, pct, points } from './figures.js';
import { bannerName } from './banner-name.js';
import { pluralCategory, t } from '../../messages/index.js';
import { labelIn, unitWords } from '../../study/index.js';

/** A wave as a sentence names it: its code when it is a year, else its title. */
export const waveName = (wave: { readonly code: string; readonly title: string }) => (/^\d{4}$/.test(wave.code) ? wave.code : wave.title);

/**
 * What the white paper says of one indicator, generated from its numbers: its label quoted (so the sentence
 * reads for any label, a noun as well as a verb phrase), its level among the study's units (among those asked,
 * with their number, when the question was shown to some only) with the margin of error and base, then its
 * change since the previous published wave, called a rise or a fall only when the test says it is
 * significant at 5 %. With `sayStable` false a change within the margin of error is left to `stableComment`.
 */
export function indicatorComment(results: WaveResults, indicator: IndicatorResult, lang: Lang, sayStable = true): string {
  if (indicator.estimate === null) return '';
  const { units } = unitWords(results.study, lang);
  const level = t(lang, 'keyFindings.level', {
    label: labelIn(indicator.label, lang),
    percent: pct(indicator.estimate, lang),
    ofUnits: indicator.filtered ? t(lang, 'keyFindings.ofUnitsAsked', { count: formatNumber(indicator.n, lang), units }) : t(lang, 'keyFindings.ofUnits', { units }),
    margin: moe(indicator, lang),
    base: base(indicator.n, lang),
  });
  const trend = indicator.trend;
  if (!trend || !results.previousWave) return results.previousWave ? `${level} ${t(lang, 'pdf.comment.first')}` : level;
  const previous = waveName(results.previousWave);
  const params = { previous, before: pct(trend.previous, lang), points: points(trend.difference, lang).replace(/^[+−]/, ''), diff: points(trend.difference, lang) };
  if (!trend.significant) return sayStable ? `${level} ${t(lang, 'pdf.comment.stable', params)}` : level;
  return `${level} ${t(lang, trend.difference > 0 ? 'pdf.comment.rise' : 'pdf.comment.fall', params)}`;
}

/** Whether an indicator's change since the previous wave is within the margin of error. */
export const isStable = (indicator: IndicatorResult) => indicator.estimate !== null && indicator.trend !== null && !indicator.trend.significant;

/**
 * The comments of a theme's indicators, the changes within the margin of error said once for all of them
 * ("no significant change for the other 6 indicators") rather than once per indicator.
 */
export function themeComments(results: WaveResults, indicators: readonly IndicatorResult[], lang: Lang): string[] {
  const stable = results.previousWave ? indicators.filter(isStable) : [];
  if (stable.length < 2) return indicators.map((i) => indicatorComment(results, i, lang));
  const comments = indicators.map((i) => indicatorComment(results, i, lang, false));
  const previous = waveName(results.previousWave!);
  const others = stable.length === indicators.length;
  return [
    ...comments,
    others
      ? t(lang, 'pdf.comment.stableAll', { previous })
      : t(lang, `pdf.comment.stableOthers.${pluralCategory(lang, stable.length)}`, { previous, count: formatNumber(stable.length, lang) }),
  ];
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
