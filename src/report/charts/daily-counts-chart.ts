import { AppError } from '../../app-error.js';
import { formatDate, formatNumber, type Lang } from '../format/index.js';
import { CHART_COLORS, chartConfig } from './chart-theme.js';
import { pluralCategory, t } from '../../messages/index.js';
import type { Chart, ChartCommonInput, ChartSpec } from './chart-types.js';
import { chartTitle, VEGA_LITE_SCHEMA } from './chart-layout.js';
import { deepFreeze } from './deep-freeze.js';
import { headline, joinItems, labelledValue, sentence, typeset } from './indicator-text.js';

/** The responses of one fieldwork day (a calendar date, YYYY-MM-DD, in the study's time zone). */
export interface DailyCountDatum {
  readonly date: string;
  readonly completes: number;
  readonly partials: number;
}

export interface DailyCountsInput extends ChartCommonInput {
  readonly days: readonly DailyCountDatum[];
}

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
  es: ['ene.', 'feb.', 'mar.', 'abr.', 'may.', 'jun.', 'jul.', 'ago.', 'sept.', 'oct.', 'nov.', 'dic.'],
};

/** `14 mars`, `1er mars`, `14 Mar`, `14. März`, `14 mar.`: the date of an axis label, without the year. */
function shortDate(iso: string, lang: Lang): string {
  const [, month, day] = iso.split('-').map(Number) as [number, number, number];
  const dayText = lang === 'fr' && day === 1 ? '1er' : lang === 'de' ? `${day}.` : String(day);
  return `${dayText}\u00A0${MONTHS[lang][month - 1]}`;
}

/**
 * Completed and partial questionnaires per day of fieldwork, as stacked bars (completes at the bottom),
 * days in calendar order, a label every few days so they never overlap. Days are calendar dates, so the
 * chart does not depend on the server's time zone.
 */
export function dailyCountsChart(input: DailyCountsInput): Chart {
  const { lang } = input;
  for (const day of input.days) {
    const [, month, dayOfMonth] = day.date.split('-').map(Number);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date) || !(month! >= 1 && month! <= 12 && dayOfMonth! >= 1 && dayOfMonth! <= 31)) {
      throw new AppError('INVALID_INPUT', `dailyCountsChart: not a YYYY-MM-DD date: "${day.date}"`);
    }
    for (const count of [day.completes, day.partials]) {
      if (!Number.isInteger(count) || count < 0) throw new AppError('INVALID_INPUT', `dailyCountsChart: ${day.date} has a count that is not a whole number ≥ 0: ${count}`);
    }
  }
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  if (new Set(days.map((d) => d.date)).size !== days.length) throw new AppError('INVALID_INPUT', 'dailyCountsChart: a date appears twice');
  const series = [t(lang, 'chart.completes'), t(lang, 'chart.partials')];
  const rows = days.flatMap((d) => [
    { date: d.date, series: t(lang, 'chart.completes'), order: 0, count: d.completes },
    { date: d.date, series: t(lang, 'chart.partials'), order: 1, count: d.partials },
  ]);
  const { title, width, height: titleHeight } = chartTitle(input);
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.floor((width - 80) / 62)));
  const labelled = days.filter((_, i) => i % labelEvery === 0).map((d) => d.date);
  const labels = Object.fromEntries(days.map((d) => [d.date, shortDate(d.date, lang)]));
  const maxTotal = Math.max(0, ...days.map((d) => d.completes + d.partials));
  const totals = { completes: days.reduce((s, d) => s + d.completes, 0), partials: days.reduce((s, d) => s + d.partials, 0) };
  const counts = (completes: number, partials: number) =>
    `${t(lang, `chart.count.complete.${pluralCategory(lang, completes)}`, { n: formatNumber(completes, lang) })}, ${t(lang, `chart.count.partial.${pluralCategory(lang, partials)}`, { n: formatNumber(partials, lang) })}`;
  const alternative = typeset(
    [
      headline(input),
      days.length === 0
        ? sentence(t(lang, 'chart.noData'))
        : sentence(
            joinItems(
              [
                labelledValue(t(lang, 'chart.total'), counts(totals.completes, totals.partials), lang),
                ...days.map((d) => labelledValue(formatDate(d.date, lang), counts(d.completes, d.partials), lang)),
              ],
              lang,
            ),
          ),
    ].join(' '),
    lang,
  );
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description: alternative,
    title,
    width,
    height: titleHeight + 280,
    autosize: { type: 'fit', contains: 'padding' },
    config: chartConfig(lang),
    data: { values: rows },
    mark: { type: 'bar', width: { band: 0.78 } },
    encoding: {
      x: {
        field: 'date',
        type: 'ordinal',
        sort: 'ascending',
        title: null,
        axis: { values: labelled, labelExpr: `${JSON.stringify(labels)}[datum.value]`, labelAngle: 0, ticks: false, domainColor: CHART_COLORS.axis },
      },
      y: {
        field: 'count',
        type: 'quantitative',
        stack: 'zero',
        title: null,
        scale: { domain: [0, Math.max(5, maxTotal)], nice: true },
        axis: { format: ',d', tickMinStep: 1, tickCount: 5, grid: true, domain: false, ticks: false, labelColor: CHART_COLORS.mutedText },
      },
      color: { field: 'series', type: 'nominal', sort: series, scale: { domain: series, range: [CHART_COLORS.primary, CHART_COLORS.accent] }, legend: { orient: 'top' } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as unknown as ChartSpec;
  const table = {
    caption: input.title,
    columns: [t(lang, 'chart.day'), t(lang, 'chart.completes'), t(lang, 'chart.partials'), t(lang, 'chart.total')].map((label, i) => ({
      label,
      align: i === 0 ? ('left' as const) : ('right' as const),
    })),
    rows: [
      ...days.map((d) => [formatDate(d.date, lang), formatNumber(d.completes, lang), formatNumber(d.partials, lang), formatNumber(d.completes + d.partials, lang)]),
      [t(lang, 'chart.total'), formatNumber(totals.completes, lang), formatNumber(totals.partials, lang), formatNumber(totals.completes + totals.partials, lang)],
    ],
    notes: [],
  };
  return deepFreeze({ kind: 'chart', type: 'daily-counts', lang, title: input.title, spec, alternative, table } satisfies Chart);
}
