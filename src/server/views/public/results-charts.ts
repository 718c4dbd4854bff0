import type { IndicatorResult, WaveResults } from '../../../analysis/wave-results-types.js';
import { AppError } from '../../../app-error.js';
import { cutBarChart, indicatorBarChart, rankedBarChart, trendLineChart, wavePositions, type Chart } from '../../../report/charts/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';

const datum = (i: IndicatorResult, lang: Lang) => ({
  id: i.id,
  label: labelIn(i.label, lang),
  estimate: i.estimate ?? Number.NaN,
  ci: (i.ci ?? [Number.NaN, Number.NaN]) as readonly [number, number],
  n: i.n,
});

/** Whether a theme's chart ranks its bars: all its indicators belong to one multiple-answer group. */
export function isRankedTheme(indicators: readonly IndicatorResult[]): boolean {
  return indicators.length > 1 && indicators[0].group !== null && indicators.every((i) => i.group === indicators[0].group);
}

/**
 * Builds one chart of a wave's results, by id: `theme-<theme>` (the theme's indicators; ranked when they form
 * one multiple-answer group), `cut-<banner>-<indicator>` (an indicator across a profile variable's columns) or
 * `trend-<indicator>` (an indicator across the published waves), drawn for `width` pixels (640 by default; the
 * narrow variant below 480).
 * @throws AppError NOT_FOUND for an unknown id.
 */
export function resultsChart(results: WaveResults, id: string, lang: Lang, width?: number): Chart {
  const subtitle = `${labelIn(results.study.title, lang)} — ${results.wave.title}`;
  if (id.startsWith('theme-')) {
    const theme = results.themes.find((t) => `theme-${t.id}` === id);
    const indicators = results.indicators.filter((i) => i.theme === theme?.id);
    if (!theme || indicators.length === 0) throw new AppError('NOT_FOUND', `no chart ${id}`);
    const input = { lang, width, title: labelIn(theme.label, lang), subtitle, indicators: indicators.map((i) => datum(i, lang)) };
    return isRankedTheme(indicators) ? rankedBarChart(input) : indicatorBarChart(input);
  }
  if (id.startsWith('trend-')) {
    const indicator = results.indicators.find((i) => `trend-${i.id}` === id);
    if (!indicator || indicator.estimate === null || indicator.ci === null) throw new AppError('NOT_FOUND', `no chart ${id}`);
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
        estimate: indicator.estimate,
        ci: indicator.ci,
        n: indicator.n,
        significant: indicator.trend?.significant ?? false,
        difference: indicator.trend?.difference ?? 0,
      },
    ];
    return trendLineChart({
      lang,
      width,
      title: t(lang, 'results.trendPage.caption', { indicator: labelIn(indicator.label, lang) }),
      subtitle: labelIn(results.study.title, lang),
      waves: points.map((p) => ({ year: p.year, estimate: p.estimate, ci: p.ci, n: p.n, change: p.significant ? (p.difference > 0 ? 'up' : 'down') : null })),
    });
  }
  if (id.startsWith('cut-')) {
    for (const banner of results.banners) {
      const indicator = results.indicators.find((i) => id === `cut-${banner.id}-${i.id}`);
      if (!indicator || indicator.estimate === null || indicator.ci === null) continue;
      const cells = indicator.cuts[banner.id] ?? [];
      return cutBarChart({
        lang,
        width,
        title: labelIn(indicator.label, lang),
        subtitle: `${labelIn(banner.label, lang)} — ${results.wave.title}`,
        lowBase: results.settings.lowBase,
        suppressBelow: results.settings.suppressBase,
        columns: [
          { label: t(lang, 'results.cut.total'), estimate: indicator.estimate, ci: indicator.ci, n: indicator.n, isTotal: true },
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
  }
  throw new AppError('NOT_FOUND', `no chart ${id}`);
}
