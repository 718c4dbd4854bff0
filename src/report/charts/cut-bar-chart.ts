import { AppError } from '../../app-error.js';
import { formatNumber, formatPercent, MISSING } from '../format/index.js';
import { chartConfig } from './chart-theme.js';
import { t } from '../../messages/index.js';
import type { Chart, ChartCommonInput, ChartSpec, Interval } from './chart-types.js';
import { chartTitle, checkProportion, VEGA_LITE_SCHEMA } from './chart-layout.js';
import { deepFreeze } from './deep-freeze.js';
import { headline, digitsOf, indicatorTable, joinItems, labelledValue, sentence, typeset, valueWithMargin, type NumberDigits } from './indicator-text.js';
import type { IntervalBarRow } from './interval-bar-layers.js';
import { intervalBarSpec } from './interval-bar-spec.js';

/** One column of a banner (a level of a profile variable, or the total) for one indicator. */
export interface CutColumnDatum {
  readonly label: string;
  /** the column's letter in the significance table */
  readonly letter?: string;
  readonly estimate: number;
  readonly ci: Interval;
  readonly n: number;
  readonly isTotal?: boolean;
  /** letters of the columns this one is significantly higher than (5 %) */
  readonly higherThan?: readonly string[];
}

export interface CutBarInput extends ChartCommonInput, Partial<NumberDigits> {
  readonly columns: readonly CutColumnDatum[];
  /** bases under this are drawn light with a dashed outline (30 by default) */
  readonly lowBase?: number;
  /** bases under this are not drawn at all (10 by default) */
  readonly suppressBelow?: number;
}

type Status = 'shown' | 'low' | 'suppressed';

/**
 * One indicator across the columns of a banner (size, sector, region…), in the banner's order: a bar with
 * its 95 % interval per column, the total in grey, low bases light with a dashed outline and a note,
 * suppressed columns absent with a note naming them. Letters after a value name the columns it is
 * significantly higher than.
 */
export function cutBarChart(input: CutBarInput): Chart {
  const { lang } = input;
  const digits = digitsOf(input);
  const lowBase = input.lowBase ?? 30;
  const suppressBelow = input.suppressBelow ?? 10;
  if (!(suppressBelow >= 0 && lowBase >= suppressBelow)) {
    throw new AppError('INVALID_INPUT', `cutBarChart: need 0 ≤ suppressBelow (${suppressBelow}) ≤ lowBase (${lowBase})`);
  }
  input.columns.forEach((c, i) => checkProportion(`column ${i} ("${c.label}")`, c.estimate, c.ci));
  const status = (c: CutColumnDatum): Status => (!Number.isFinite(c.estimate) || c.n < suppressBelow ? 'suppressed' : c.n < lowBase && !c.isTotal ? 'low' : 'shown');
  const name = (c: CutColumnDatum) => (c.letter ? `${c.label} (${c.letter})` : c.label);
  const letters = (c: CutColumnDatum) => (c.higherThan && c.higherThan.length > 0 ? `\u00A0${c.higherThan.join('')}` : '');
  const shown = input.columns.filter((c) => status(c) !== 'suppressed');
  const suppressed = input.columns.filter((c) => status(c) === 'suppressed');
  const low = shown.filter((c) => status(c) === 'low');

  const { title, width, height: titleHeight, fonts } = chartTitle(input);
  const rows: IntervalBarRow[] = shown.map((c) => ({
    key: name(c),
    estimate: c.estimate,
    lo: c.ci[0],
    hi: c.ci[1],
    value: `${formatPercent(c.estimate, lang, digits.percentDigits)}${letters(c)}`,
    style: c.isTotal ? 'total' : status(c) === 'low' ? 'low' : 'normal',
  }));
  const notes = [t(lang, 'chart.intervalNote')];
  if (shown.some((c) => letters(c) !== '')) notes.push(t(lang, 'chart.lettersNote'));
  if (low.length > 0) notes.push(t(lang, 'chart.lowBaseNote', { threshold: formatNumber(lowBase, lang) }));
  const textNotes: string[] = [];
  if (low.length > 0) textNotes.push(t(lang, 'chart.lowBaseText', { threshold: formatNumber(lowBase, lang) }));
  if (suppressed.length > 0) {
    const note = t(lang, 'chart.suppressedNote', { threshold: formatNumber(suppressBelow, lang), labels: suppressed.map(name).join(', ') });
    notes.push(note);
    textNotes.push(note);
  }

  const item = (c: CutColumnDatum): string => {
    const value = valueWithMargin(c.estimate, c.ci, lang, digits).replace(/\)$/, `, n = ${formatNumber(c.n, lang)})`);
    const flags = [status(c) === 'low' ? t(lang, 'chart.lowBase') : '', c.higherThan?.length ? t(lang, 'chart.higherThan', { letters: c.higherThan.join(', ') }) : '']
      .filter((s) => s !== '')
      .join(', ');
    return labelledValue(name(c), flags ? `${value}, ${flags}` : value, lang);
  };
  const alternative = typeset(
    [
      headline(input),
      shown.length > 0 ? sentence(joinItems(shown.map(item), lang)) : sentence(t(lang, 'chart.noData')),
      ...textNotes.map(sentence),
      sentence(t(lang, 'chart.marginNote')),
    ].join(' '),
    lang,
  );
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description: alternative,
    title,
    width,
    config: chartConfig(lang, fonts),
    ...intervalBarSpec(rows, notes, { width, fonts, titleHeight, labelShare: 0.3, footer: (noteLines) => 30 + 16 * noteLines }),
  } as unknown as ChartSpec;

  const base = indicatorTable(
    input.title,
    input.columns.map((c) => ({ ...c, label: name(c) })),
    lang,
    digits,
    t(lang, 'chart.column'),
  );
  const table = {
    ...base,
    columns: [...base.columns, { label: t(lang, 'chart.status'), align: 'left' as const }],
    rows: base.rows.map((row, i) => {
      const c = input.columns[i]!;
      if (status(c) === 'suppressed') return [row[0]!, MISSING, MISSING, MISSING, row[4]!, t(lang, 'chart.suppressed')];
      const remarks = [status(c) === 'low' ? t(lang, 'chart.lowBase') : '', c.higherThan?.length ? t(lang, 'chart.higherThan', { letters: c.higherThan.join(', ') }) : ''];
      return [...row, remarks.filter((s) => s !== '').join(', ')];
    }),
    notes: textNotes,
  };
  return deepFreeze({ kind: 'chart', type: 'cut-bar', lang, title: input.title, spec, alternative, table } satisfies Chart);
}
