import { CHART_COLORS, type ChartFonts } from './chart-theme.js';
import { CHART_PADDING, percentAxisMaxWithLabels, wrapNotes, wrappedKeys, wrappedLabelAxis } from './chart-layout.js';
import { intervalBarLayers, type IntervalBarRow } from './interval-bar-layers.js';
import { narrowBarRows } from './narrow-bar-rows.js';
import { measureText } from './text-metrics.js';

export interface IntervalBarSpecOptions {
  readonly width: number;
  readonly fonts: ChartFonts;
  /** the height of the title block */
  readonly titleHeight: number;
  /** the share of a wide chart's width its labels may take before they wrap */
  readonly labelShare: number;
  /** the height under the bars of a wide chart (axis and notes), from its number of note lines */
  readonly footer: (noteLines: number) => number;
}

/**
 * The data, size and layers of a horizontal bar chart of proportions with their intervals, for the width it
 * is drawn for. Wide: labels in a column left of the bars, wrapped to a share of the width. Narrow: each
 * label on its own lines above its bar across the whole plot, three ticks, the notes wrapped to the plot.
 * In both the axis leaves room for each value label right of its interval. `rows[i].key` is the label.
 */
export function intervalBarSpec(rows: readonly IntervalBarRow[], notes: readonly string[], options: IntervalBarSpecOptions): Record<string, unknown> {
  const { width, fonts } = options;
  const valueWidths = rows.map((r) => measureText(r.value, fonts.label, true));
  if (fonts.narrow) {
    const plotWidth = width - 2 * CHART_PADDING;
    const layout = narrowBarRows(
      rows.map((r) => r.key),
      plotWidth,
      fonts.label,
    );
    const placed = rows.map((r, i) => ({ ...r, key: layout.barSlots[i]! }));
    const axisMax = percentAxisMaxWithLabels(
      rows.map((r, i) => ({ hi: r.hi, labelWidth: valueWidths[i]! })),
      plotWidth,
    );
    return {
      height: { step: fonts.labelLine + 2 },
      autosize: { type: 'fit-x', contains: 'padding' },
      data: { values: placed },
      encoding: { y: { field: 'key', type: 'nominal', sort: null, title: null, axis: null, scale: { domain: layout.slots, paddingInner: 0, paddingOuter: 0 } } },
      layer: [
        {
          data: { values: layout.lines.map((line) => ({ key: line.slot, text: line.text })) },
          mark: { type: 'text', align: 'left', baseline: 'middle', color: CHART_COLORS.text },
          encoding: { x: { value: 0 }, text: { field: 'text' } },
        },
        ...intervalBarLayers(axisMax, wrapNotes(notes, width, -1, fonts.label), { narrow: true }),
      ],
    };
  }
  const { keys, lines, labelWidth } = wrappedKeys(
    rows.map((r) => r.key),
    Math.round(width * options.labelShare),
    fonts.label,
  );
  const noteLines = wrapNotes(notes, width, labelWidth);
  const axisMax = percentAxisMaxWithLabels(
    rows.map((r, i) => ({ hi: r.hi, labelWidth: valueWidths[i]! })),
    width - 2 * CHART_PADDING - labelWidth - 8,
  );
  const step = Math.max(28, lines * 14 + 12);
  return {
    height: options.titleHeight + Math.max(1, rows.length) * step + options.footer(noteLines.length),
    autosize: { type: 'fit', contains: 'padding' },
    data: { values: rows.map((r, i) => ({ ...r, key: keys[i]! })) },
    encoding: { y: { field: 'key', type: 'nominal', sort: null, title: null, axis: wrappedLabelAxis() } },
    layer: intervalBarLayers(axisMax, noteLines, {}),
  };
}
