import { formatPercent } from '../format/index.js';
import { chartConfig, LABEL_FONT_SIZE } from './chart-theme.js';
import { t } from '../../messages/index.js';
import type { Chart, ChartCommonInput, ChartSpec, IndicatorDatum } from './chart-types.js';
import { chartTitle, checkProportion, wrapNotes, percentAxisMax, VEGA_LITE_SCHEMA, wrappedKeys, wrappedLabelAxis } from './chart-layout.js';
import { deepFreeze } from './deep-freeze.js';
import { baseNote, digitsOf, headline, indicatorTable, joinItems, labelledValue, sentence, typeset, valueWithMargin, type NumberDigits } from './indicator-text.js';
import { intervalBarLayers, type IntervalBarRow } from './interval-bar-layers.js';

/** Input of the indicator bar charts. */
export interface IndicatorBarInput extends ChartCommonInput, Partial<NumberDigits> {
  readonly indicators: readonly IndicatorDatum[];
}

/** Builds a horizontal bar chart of indicators with their intervals, ranked (descending) or in the given order. */
export function indicatorBars(input: IndicatorBarInput, ranked: boolean): Chart {
  const { lang } = input;
  const digits = digitsOf(input);
  input.indicators.forEach((d, i) => checkProportion(`indicator ${i} ("${d.label}")`, d.estimate, d.ci));
  const indicators = ranked
    ? [...input.indicators].sort((a, b) => (Number.isFinite(b.estimate) ? b.estimate : -1) - (Number.isFinite(a.estimate) ? a.estimate : -1))
    : [...input.indicators];
  const shown = indicators.filter((d) => Number.isFinite(d.estimate));
  const { title, width, height: titleHeight } = chartTitle(input);
  const { keys, lines, labelWidth } = wrappedKeys(
    shown.map((d) => d.label),
    Math.round(width * 0.36),
    LABEL_FONT_SIZE,
  );
  const rows: IntervalBarRow[] = shown.map((d, i) => ({
    key: keys[i]!,
    estimate: d.estimate,
    lo: d.ci[0],
    hi: d.ci[1],
    value: formatPercent(d.estimate, lang, digits.percentDigits),
    style: 'normal',
  }));
  const note = [
    t(lang, 'chart.intervalNote'),
    baseNote(
      shown.map((d) => d.n),
      lang,
    ),
  ]
    .filter((s) => s !== '')
    .join(' · ');
  const step = Math.max(28, lines * 14 + 12);
  const alternative = typeset(
    [
      headline(input, ranked ? t(lang, 'chart.descending') : undefined),
      sentence(
        indicators.length === 0
          ? t(lang, 'chart.noData')
          : joinItems(
              indicators.map((d) => labelledValue(d.label, valueWithMargin(d.estimate, d.ci, lang, digits), lang)),
              lang,
            ),
      ),
      sentence(
        joinItems(
          [
            t(lang, 'chart.marginNote'),
            baseNote(
              indicators.map((d) => d.n),
              lang,
            ),
          ].filter((s) => s !== ''),
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
    height: titleHeight + rows.length * step + 44,
    autosize: { type: 'fit', contains: 'padding' },
    config: chartConfig(lang),
    data: { values: rows },
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        sort: null,
        title: null,
        axis: wrappedLabelAxis(),
      },
    },
    layer: intervalBarLayers(percentAxisMax(rows.map((r) => r.hi)), wrapNotes([note], width, labelWidth)),
  } as unknown as ChartSpec;
  return deepFreeze({
    kind: 'chart',
    type: ranked ? 'ranked-bar' : 'indicator-bar',
    lang,
    title: input.title,
    spec,
    alternative,
    table: indicatorTable(input.title, indicators, lang, digits),
  } satisfies Chart);
}
