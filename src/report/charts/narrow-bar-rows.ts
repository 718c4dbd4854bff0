import { wrapText } from './wrap-text.js';

/** The y slots of a narrow bar chart and the label lines that sit in them. */
export interface NarrowBarRows {
  /** every slot from top to bottom: the domain of the y scale */
  readonly slots: readonly string[];
  /** the slot of each item's bar (or of its first bar) */
  readonly barSlots: readonly string[];
  /** one row per label line: its slot and its text */
  readonly lines: readonly { readonly slot: string; readonly text: string }[];
}

/**
 * Lays out a narrow bar chart on equal y slots, one per line of text: for each item its label wrapped to
 * the whole plot width, one line per slot, then `bars` slots for its bars, then an empty slot before the
 * next item. The labels above the bars leave the plot its full width on a phone, where a column of labels
 * left of the bars would squeeze both.
 */
export function narrowBarRows(labels: readonly string[], plotWidth: number, fontSize: number, bars = 1): NarrowBarRows {
  const slots: string[] = [];
  const barSlots: string[] = [];
  const lines: { slot: string; text: string }[] = [];
  labels.forEach((label, i) => {
    if (i > 0) slots.push(`${i}:gap`);
    wrapText(label, plotWidth, fontSize).forEach((text, k) => {
      slots.push(`${i}:label${k}`);
      lines.push({ slot: `${i}:label${k}`, text });
    });
    for (let b = 0; b < bars; b += 1) slots.push(`${i}:bar${b}`);
    barSlots.push(`${i}:bar0`);
  });
  return { slots, barSlots, lines };
}
