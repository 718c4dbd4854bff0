import { AppError } from '../../app-error.js';
import { formatPercent } from '../format/index.js';
import { CHART_COLORS, chartConfig } from './chart-theme.js';
import { t } from '../../messages/index.js';
import type { Chart, ChartCommonInput, ChartSpec, Interval } from './chart-types.js';
import { CHART_PADDING, chartTitle, checkProportion, percentAxisMax, VEGA_LITE_SCHEMA, wrapNotes } from './chart-layout.js';
import { measureText } from './text-metrics.js';
import { deepFreeze } from './deep-freeze.js';
import { headline, digitsOf, indicatorTable, joinItems, labelledValue, sentence, typeset, valueWithMargin, type NumberDigits } from './indicator-text.js';

/** One wave of an indicator. */
export interface TrendWaveDatum {
  readonly year: number;
  readonly estimate: number;
  readonly ci: Interval;
  readonly n: number;
  /** a change from the previous wave significant at 95 %, or null */
  readonly change?: 'up' | 'down' | null;
}

export interface TrendLineInput extends ChartCommonInput, Partial<NumberDigits> {
  readonly waves: readonly TrendWaveDatum[];
}

const ARROW = { up: '\u00A0▲', down: '\u00A0▼' } as const;

/**
 * An indicator across waves: the year on x (spaced by time, so a skipped year shows), the percentage on y,
 * the 95 % interval as a band, a point and its value per wave, an arrow where the change from the previous
 * wave is significant.
 */
export function trendLineChart(input: TrendLineInput): Chart {
  const { lang } = input;
  const digits = digitsOf(input);
  input.waves.forEach((w, i) => {
    if (!Number.isInteger(w.year)) throw new AppError('INVALID_INPUT', `trendLineChart: wave ${i} has no integer year`, { year: w.year });
    checkProportion(`wave ${w.year}`, w.estimate, w.ci);
  });
  const waves = [...input.waves].sort((a, b) => a.year - b.year);
  const shown = waves.filter((w) => Number.isFinite(w.estimate));
  const { title, width, height: titleHeight, fonts } = chartTitle(input);
  const values = shown.map((w) => `${formatPercent(w.estimate, lang, digits.percentDigits)}${w.change ? ARROW[w.change] : ''}`);
  const years = shown.map((w) => w.year);
  const [first, last] = years.length > 0 ? [Math.min(...years), Math.max(...years)] : [0, 1];
  // a label on every wave where they fit, otherwise on every other one or fewer, counted back from the last wave
  const yearWidth = (width - 2 * CHART_PADDING - 44) / (last - first + 1);
  const valueWidth = Math.max(0, ...values.map((v) => measureText(v, fonts.label, true))) + 8;
  const labelled = (room: number) => {
    const keep = new Set<number>();
    let previous = Number.POSITIVE_INFINITY;
    for (const year of [...years].reverse()) {
      if ((previous - year) * yearWidth >= room) {
        keep.add(year);
        previous = year;
      }
    }
    return keep;
  };
  const withValue = labelled(valueWidth);
  const axisYears = years.filter((year) => labelled(measureText('0000', fonts.label) + 10).has(year));
  const rows = shown.map((w, i) => ({
    year: w.year,
    estimate: w.estimate,
    lo: w.ci[0],
    hi: w.ci[1],
    value: withValue.has(w.year) ? values[i]! : '',
  }));
  const notes = [t(lang, 'chart.bandNote')];
  if (shown.some((w) => w.change)) notes.push(t(lang, 'chart.changeNote'));
  const x = {
    field: 'year',
    type: 'quantitative',
    scale: { domain: [first - 0.5, last + 0.5], nice: false, zero: false },
    axis: {
      values: axisYears,
      format: 'd',
      title: wrapNotes(notes, width, 0, fonts.label),
      titleAnchor: 'start',
      titlePadding: 10,
      grid: false,
      labelFlush: false,
      tickColor: CHART_COLORS.axis,
    },
  };
  const y = (field: string) => ({ field, type: 'quantitative' });
  const change = (w: TrendWaveDatum) => (w.change === 'up' ? t(lang, 'chart.significantUp') : w.change === 'down' ? t(lang, 'chart.significantDown') : '');
  const item = (w: TrendWaveDatum) => {
    const value = valueWithMargin(w.estimate, w.ci, lang, digits);
    return labelledValue(String(w.year), change(w) ? `${value}, ${change(w)}` : value, lang);
  };
  const alternative = typeset(
    [headline(input), sentence(waves.length > 0 ? joinItems(waves.map(item), lang) : t(lang, 'chart.noData')), sentence(t(lang, 'chart.marginNote'))].join(' '),
    lang,
  );
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description: alternative,
    title,
    width,
    height: titleHeight + (fonts.narrow ? 260 : 300),
    autosize: { type: 'fit', contains: 'padding' },
    config: chartConfig(lang, fonts),
    data: { values: rows },
    encoding: { x },
    layer: [
      {
        mark: { type: 'area', color: CHART_COLORS.band, opacity: 1 },
        encoding: {
          y: {
            ...y('lo'),
            scale: { domain: [0, percentAxisMax(rows.map((r) => r.hi))], nice: false },
            axis: { format: '.0%', title: null, tickCount: fonts.narrow ? 3 : 5, grid: true, domain: false, ticks: false, labelColor: CHART_COLORS.mutedText },
          },
          y2: { field: 'hi' },
        },
      },
      // the interval of each wave also as a whisker, so that it shows where a wave stands alone
      { mark: { type: 'rule', color: CHART_COLORS.primary, strokeWidth: 1.5, opacity: 0.55 }, encoding: { y: y('lo'), y2: { field: 'hi' } } },
      { mark: { type: 'line', color: CHART_COLORS.primary, strokeWidth: 2.5 }, encoding: { y: y('estimate') } },
      {
        mark: { type: 'point', filled: true, size: 70, color: CHART_COLORS.primary, stroke: CHART_COLORS.background, strokeWidth: 1.5, opacity: 1 },
        encoding: { y: y('estimate') },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -9, fontWeight: 'bold', color: CHART_COLORS.text },
        encoding: { y: y('hi'), text: { field: 'value' } },
      },
    ],
  } as unknown as ChartSpec;
  const base = indicatorTable(
    input.title,
    waves.map((w) => ({ ...w, label: String(w.year) })),
    lang,
    digits,
    t(lang, 'chart.wave'),
  );
  const table = {
    ...base,
    columns: [...base.columns, { label: t(lang, 'chart.status'), align: 'left' as const }],
    rows: base.rows.map((row, i) => [...row, change(waves[i]!)]),
  };
  return deepFreeze({ kind: 'chart', type: 'trend-line', lang, title: input.title, spec, alternative, table } satisfies Chart);
}
