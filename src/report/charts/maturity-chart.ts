import { AppError } from '../../app-error.js';
import { formatNumber, MISSING } from '../format/index.js';
import { CHART_COLORS, chartConfig } from './chart-theme.js';
import { t } from '../../messages/index.js';
import type { Chart, ChartCommonInput, ChartSpec } from './chart-types.js';
import { CHART_PADDING, chartTitle, VEGA_LITE_SCHEMA, wrapNotes, wrappedKeys, wrappedLabelAxis } from './chart-layout.js';
import { narrowBarRows } from './narrow-bar-rows.js';
import { measureText } from './text-metrics.js';
import { deepFreeze } from './deep-freeze.js';
import { headline, joinItems, labelledValue, sentence, typeset } from './indicator-text.js';

/** The scores from 0 to 100 of one maturity dimension (NaN when not available). */
export interface MaturityDimensionDatum {
  readonly label: string;
  readonly respondent: number;
  readonly all: number;
  readonly sameSize: number;
}

export interface MaturityInput extends ChartCommonInput {
  readonly dimensions: readonly MaturityDimensionDatum[];
  /** names of the three series; "You", "All {units}", "{Units} of your group" by default */
  readonly seriesLabels?: { readonly respondent?: string; readonly all?: string; readonly sameSize?: string };
  /** how the default series names call respondents ("households"); the interface's "respondents" otherwise */
  readonly units?: { readonly units: string; readonly Units: string };
}

const SERIES = ['respondent', 'all', 'sameSize'] as const;
const COLORS = [CHART_COLORS.primary, CHART_COLORS.secondary, CHART_COLORS.accent];

/**
 * The benchmark's maturity scores (0 to 100) by dimension: for each dimension three bars, the respondent,
 * all respondents and the respondents of their peer group, each with its score; a legend on top.
 */
export function maturityChart(input: MaturityInput): Chart {
  const { lang } = input;
  const plural = t(lang, 'unit.other');
  const units = input.units ?? { units: plural, Units: plural.charAt(0).toLocaleUpperCase(lang) + plural.slice(1) };
  const names = [
    input.seriesLabels?.respondent ?? t(lang, 'chart.you'),
    input.seriesLabels?.all ?? t(lang, 'chart.allUnits', units),
    input.seriesLabels?.sameSize ?? t(lang, 'chart.peers', units),
  ];
  if (new Set(names).size !== names.length) throw new AppError('INVALID_INPUT', 'maturityChart: the three series need distinct names', { names });
  input.dimensions.forEach((d, i) => {
    for (const series of SERIES) {
      const score = d[series];
      if (!Number.isNaN(score) && !(Number.isFinite(score) && score >= 0 && score <= 100)) {
        throw new AppError('INVALID_INPUT', `maturityChart: dimension ${i} ("${d.label}") has ${series} score ${score}, not in 0..100`);
      }
    }
  });
  const { title, width, height: titleHeight, fonts } = chartTitle(input);
  const item = (d: MaturityDimensionDatum) => `${d.label} — ${SERIES.map((series, s) => labelledValue(names[s]!, formatNumber(d[series], lang), lang)).join(', ')}`;
  const alternative = typeset(
    [headline(input), sentence(t(lang, 'chart.scoreNote')), sentence(input.dimensions.length > 0 ? joinItems(input.dimensions.map(item), lang) : t(lang, 'chart.noData'))].join(
      ' ',
    ),
    lang,
  );
  const color = { field: 'series', type: 'nominal', sort: names, scale: { domain: names, range: COLORS } };
  const x = (notes: string[], values: number[], max = 100) => ({
    field: 'score',
    type: 'quantitative',
    scale: { domain: [0, max], nice: false },
    axis: { values, title: notes, titleAnchor: 'start', titlePadding: 10, grid: true, domain: false, ticks: false, labelColor: CHART_COLORS.mutedText },
  });
  const valueLayer = { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: CHART_COLORS.text }, encoding: { text: { field: 'value' } } };
  let layout: Record<string, unknown>;
  if (fonts.narrow) {
    // labels above each dimension's three bars, the legend in a column, the axis from 0 to 100 by 50
    const plotWidth = width - 2 * CHART_PADDING;
    const slots = narrowBarRows(
      input.dimensions.map((d) => d.label),
      plotWidth,
      fonts.label,
      SERIES.length,
    );
    const rows = input.dimensions.flatMap((d, i) =>
      SERIES.map((series, s) => ({
        key: slots.barSlots[i]!.replace(/bar0$/, `bar${s}`),
        series: names[s]!,
        order: s,
        score: d[series],
        value: formatNumber(d[series], lang),
      })).filter((r) => Number.isFinite(r.score)),
    );
    const max = (100 * plotWidth) / (plotWidth - measureText('100', fonts.label) - 8);
    layout = {
      height: { step: fonts.labelLine + 2 },
      autosize: { type: 'fit-x', contains: 'padding' },
      data: { values: rows },
      encoding: {
        y: { field: 'key', type: 'nominal', sort: null, title: null, axis: null, scale: { domain: slots.slots, paddingInner: 0.12, paddingOuter: 0 } },
        x: x(wrapNotes([t(lang, 'chart.scoreNote')], width, -1, fonts.label), [0, 50, 100], max),
      },
      layer: [
        {
          data: { values: slots.lines.map((line) => ({ key: line.slot, text: line.text })) },
          mark: { type: 'text', align: 'left', baseline: 'middle', color: CHART_COLORS.text },
          encoding: { x: { value: 0 }, text: { field: 'text' } },
        },
        { mark: { type: 'bar' }, encoding: { color: { ...color, legend: { orient: 'top', direction: 'vertical', offset: 10 } } } },
        valueLayer,
      ],
    };
  } else {
    const { keys, lines, labelWidth } = wrappedKeys(
      input.dimensions.map((d) => d.label),
      Math.round(width * 0.3),
      fonts.label,
    );
    const rows = input.dimensions.flatMap((d, i) =>
      SERIES.map((series, s) => ({ key: keys[i]!, series: names[s]!, order: s, score: d[series], value: formatNumber(d[series], lang) })).filter((r) => Number.isFinite(r.score)),
    );
    const step = Math.max(3 * 15 + 14, lines * 14 + 12);
    layout = {
      height: titleHeight + Math.max(1, input.dimensions.length) * step + 70,
      autosize: { type: 'fit', contains: 'padding' },
      data: { values: rows },
      encoding: {
        y: { field: 'key', type: 'nominal', sort: null, title: null, axis: wrappedLabelAxis(), scale: { paddingInner: 0.28 } },
        yOffset: { field: 'series', type: 'nominal', sort: names, scale: { paddingInner: 0.08 } },
        x: x(wrapNotes([t(lang, 'chart.scoreNote')], width, labelWidth), [0, 25, 50, 75, 100]),
      },
      layer: [{ mark: { type: 'bar' }, encoding: { color: { ...color, legend: { orient: 'top', offset: 10 } } } }, valueLayer],
    };
  }
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description: alternative,
    title,
    width,
    config: chartConfig(lang, fonts),
    ...layout,
  } as unknown as ChartSpec;
  const table = {
    caption: input.title,
    columns: [{ label: t(lang, 'chart.dimension'), align: 'left' as const }, ...names.map((label) => ({ label, align: 'right' as const }))],
    rows: input.dimensions.map((d) => [d.label, ...SERIES.map((series) => (Number.isFinite(d[series]) ? formatNumber(d[series], lang) : MISSING))]),
    notes: [t(lang, 'chart.scoreNote')],
  };
  return deepFreeze({ kind: 'chart', type: 'maturity', lang, title: input.title, spec, alternative, table } satisfies Chart);
}
