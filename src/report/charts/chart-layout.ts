import { AppError } from '../../app-error.js';
import { CHART_WIDTH, chartFonts, type ChartFonts } from './chart-theme.js';
import type { ChartCommonInput, Interval } from './chart-types.js';
import { measureText } from './text-metrics.js';
import { wrapText } from './wrap-text.js';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const TITLE_LINE_HEIGHT = 19;
export const SUBTITLE_LINE_HEIGHT = 15;
const PADDING = 12;

/** The title block of a chart: title and subtitle wrapped to the width, and the height they take. */
export function chartTitle(input: ChartCommonInput): { title: Record<string, unknown>; width: number; height: number; fonts: ChartFonts } {
  const width = input.width ?? CHART_WIDTH;
  if (!Number.isInteger(width) || width < 240 || width > 4000) {
    throw new AppError('INVALID_INPUT', `chart width must be an integer from 240 to 4000, got ${width}`, { width });
  }
  if (typeof input.title !== 'string' || input.title.trim() === '') {
    throw new AppError('INVALID_INPUT', 'a chart needs a title', { title: input.title });
  }
  const fonts = chartFonts(width);
  const textWidth = width - 2 * PADDING;
  const text = wrapText(input.title, textWidth, fonts.title, true);
  const subtitle = input.subtitle ? wrapText(input.subtitle, textWidth, fonts.subtitle) : [];
  const title: Record<string, unknown> = { text };
  if (subtitle.length > 0) title['subtitle'] = subtitle;
  const height = 2 * PADDING + text.length * fonts.titleLine + subtitle.length * fonts.subtitleLine + 20;
  return { title, width, height, fonts };
}

/** The y values of a nominal axis whose labels wrap: lines joined by '\n', made unique with zero-width spaces. */
export function wrappedKeys(labels: readonly string[], maxWidth: number, fontSize: number): { keys: string[]; lines: number; labelWidth: number } {
  const seen = new Set<string>();
  let lines = 1;
  let labelWidth = 0;
  const keys = labels.map((label) => {
    const wrapped = wrapText(label, maxWidth, fontSize);
    lines = Math.max(lines, wrapped.length);
    for (const line of wrapped) labelWidth = Math.max(labelWidth, measureText(line, fontSize));
    let key = wrapped.join('\n');
    while (seen.has(key)) key += '\u200B';
    seen.add(key);
    return key;
  });
  return { keys, lines, labelWidth };
}

/** Splits the y value back into lines for the axis labels. */
export const WRAPPED_LABEL_EXPR = "split(datum.value, '\\n')";

export const LABEL_LINE_HEIGHT = 14;

/**
 * The y axis of wrapped labels: lines of each label centred on its band (Vega starts a multi-line label
 * at the band's middle, so it is moved up by half of its extra lines).
 */
export function wrappedLabelAxis(): Record<string, unknown> {
  return {
    labelExpr: WRAPPED_LABEL_EXPR,
    labelLineHeight: LABEL_LINE_HEIGHT,
    labelOffset: { signal: `-(length(split(datum.value, '\\n')) - 1) * ${LABEL_LINE_HEIGHT / 2}` },
    ticks: false,
    domain: false,
    labelPadding: 8,
  };
}

/** Checks a proportion and its interval; NaN is allowed as "not available". */
export function checkProportion(where: string, estimate: number, ci: Interval): void {
  if (Number.isNaN(estimate)) return;
  const inRange = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  if (!inRange(estimate) || !Array.isArray(ci) || !inRange(ci[0]) || !inRange(ci[1]) || ci[0] > ci[1]) {
    throw new AppError('INVALID_INPUT', `${where}: estimate and interval must be proportions from 0 to 1 with low ≤ high`, {
      estimate,
      ci,
    });
  }
}

/** The upper end of a percentage axis: room for the labels right of the intervals, at most 100 %. */
export function percentAxisMax(highs: readonly number[]): number {
  const top = Math.max(0, ...highs.filter(Number.isFinite));
  return Math.min(1, Math.ceil((top + 0.1) * 10) / 10);
}

/**
 * The notes under a chart (its bottom axis title), each wrapped to the plot's width (the chart's width less
 * the padding and the labels on the left): one string per line.
 */
export function wrapNotes(notes: readonly string[], width: number, labelWidth = 0, fontSize = 11): string[] {
  const plotWidth = Math.max(width * 0.4, width - 2 * PADDING - (labelWidth > 0 ? labelWidth + 12 : labelWidth < 0 ? 0 : 40));
  return notes.flatMap((note) => wrapText(note, Math.floor(plotWidth), fontSize));
}

/** The room left and right of a chart's plot: Vega's padding on each side. */
export const CHART_PADDING = PADDING;

/**
 * The upper end of a percentage axis that leaves room for each row's value label right of its interval:
 * `hi · P / max + gap + label ≤ P` for a plot `P` pixels wide. It may pass 100 % (the axis stops at 100 %).
 */
export function percentAxisMaxWithLabels(rows: readonly { readonly hi: number; readonly labelWidth: number }[], plotWidth: number): number {
  let max = percentAxisMax(rows.map((r) => r.hi));
  for (const row of rows) {
    const room = plotWidth - row.labelWidth - 10;
    if (room > 0 && Number.isFinite(row.hi)) max = Math.max(max, (row.hi * plotWidth) / room);
  }
  return max;
}
