import type { BannerInfo, IndicatorResult, WaveResults } from '../../analysis/wave-results-types.js';
import { cutBarChart, indicatorBarChart, rankedBarChart, trendLineChart, wavePositions, type Chart } from '../charts/index.js';
import type { Lang } from '../format/index.js';
import { labelIn } from '../../study/index.js';

/**
 * The white paper's charts, built by the dashboard's chart builders from the same numbers the dashboard
 * uses (the dashboard's own chart ids live in the server; these mirror `theme-`, `cut-` and `trend-`).
 */
/**
 * The width the PDF's charts are drawn for: their own variant of the same specs, so that scaled to the page's
 * 471 pt of text width (80 % of it for a trend) their 11 px text prints at 8 pt or more.
 */
export const PDF_CHART_WIDTH = 520;

const datum = (i: IndicatorResult, lang: Lang) => ({
  id: i.id,
  label: labelIn(i.label, lang),
  estimate: i.estimate ?? Number.NaN,
  ci: (i.ci ?? [Number.NaN, Number.NaN]) as readonly [number, number],
  n: i.n,
});

/** Whether a theme's indicators form one multiple-answer group (its chart ranks the bars). */
export function isRankedGroup(indicators: readonly IndicatorResult[]): boolean {
  return indicators.length > 1 && indicators[0].group !== null && indicators.every((i) => i.group === indicators[0].group);
}

/** A theme's indicators as bars (ranked when they are one multiple-answer question). */
export function themeChart(results: WaveResults, themeId: string, lang: Lang, title: string): Chart {
  const indicators = results.indicators.filter((i) => i.theme === themeId);
  const input = {
    lang,
    width: PDF_CHART_WIDTH,
    title,
    subtitle: `${labelIn(results.study.title, lang)} — ${results.wave.title}`,
    indicators: indicators.map((i) => datum(i, lang)),
  };
  return isRankedGroup(indicators) ? rankedBarChart(input) : indicatorBarChart(input);
}

/** One indicator across the columns of a profile variable, with letters and base marks. */
export function cutChart(results: WaveResults, indicator: IndicatorResult, banner: BannerInfo, lang: Lang, totalLabel: string): Chart {
  const cells = indicator.cuts[banner.id] ?? [];
  return cutBarChart({
    lang,
    width: PDF_CHART_WIDTH,
    title: labelIn(indicator.label, lang),
    subtitle: `${labelIn(banner.label, lang)} — ${results.wave.title}`,
    lowBase: results.settings.lowBase,
    suppressBelow: results.settings.suppressBase,
    columns: [
      { label: totalLabel, estimate: indicator.estimate ?? Number.NaN, ci: (indicator.ci ?? [Number.NaN, Number.NaN]) as readonly [number, number], n: indicator.n, isTotal: true },
      ...cells.map((c) => ({
        label: labelIn(c.label, lang),
        letter: c.letter,
        estimate: c.estimate ?? Number.NaN,
        ci: (c.ci ?? [Number.NaN, Number.NaN]) as readonly [number, number],
        n: c.n,
        higherThan: [...c.letters],
      })),
    ],
  });
}

/** An indicator across the published waves, arrows where a change is significant. */
export function trendChart(results: WaveResults, indicator: IndicatorResult, lang: Lang, title: string): Chart {
  const years = wavePositions([...indicator.history.map((h) => h.wave), results.wave.code]);
  const points = [
    ...indicator.history.map((h, k) => ({
      year: years[k],
      estimate: h.estimate,
      ci: h.ci,
      n: h.n,
      significant: h.significant,
      difference: k > 0 ? h.estimate - indicator.history[k - 1].estimate : 0,
    })),
    {
      year: years[indicator.history.length],
      estimate: indicator.estimate ?? Number.NaN,
      ci: indicator.ci ?? [Number.NaN, Number.NaN],
      n: indicator.n,
      significant: indicator.trend?.significant ?? false,
      difference: indicator.trend?.difference ?? 0,
    },
  ];
  return trendLineChart({
    lang,
    width: PDF_CHART_WIDTH,
    title,
    subtitle: labelIn(results.study.title, lang),
    waves: points.map((p) => ({
      year: p.year,
      estimate: p.estimate,
      ci: p.ci as readonly [number, number],
      n: p.n,
      change: p.significant ? (p.difference > 0 ? 'up' : 'down') : null,
    })),
  });
}
