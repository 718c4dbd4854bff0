import { formatPercent } from '../format/index.js';
import { chartConfig } from './chart-theme.js';
import { t } from '../../messages/index.js';
import type { Chart, ChartCommonInput, ChartSpec, IndicatorDatum } from './chart-types.js';
import { chartTitle, checkProportion, VEGA_LITE_SCHEMA } from './chart-layout.js';
import { deepFreeze } from './deep-freeze.js';
import { baseNote, digitsOf, headline, indicatorTable, joinItems, labelledValue, sentence, typeset, valueWithMargin, type NumberDigits } from './indicator-text.js';
import type { IntervalBarRow } from './interval-bar-layers.js';
import { intervalBarSpec } from './interval-bar-spec.js';

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
  const { title, width, height: titleHeight, fonts } = chartTitle(input);
  const rows: IntervalBarRow[] = shown.map((d) => ({
    key: d.label,
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
    config: chartConfig(lang, fonts),
    ...intervalBarSpec(rows, [note], { width, fonts, titleHeight, labelShare: 0.36, footer: () => 44 }),
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
