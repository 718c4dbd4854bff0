import { CHART_COLORS } from './chart-theme.js';

/** How a bar is drawn: an ordinary estimate, a low base (light, dashed outline) or a total column (grey). */
export type BarStyle = 'normal' | 'low' | 'total';

/** A row of the data of an interval bar chart. */
export interface IntervalBarRow {
  readonly key: string;
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
  readonly value: string;
  readonly style: BarStyle;
}

/**
 * The layers of a horizontal bar chart of proportions with their 95 % intervals: the bar, the interval as
 * a black line with end ticks over a white halo (visible on the bar and off it), and the percentage right
 * of the interval. The rows give `key` (y), `estimate`, `lo`, `hi`, `value` (formatted) and `style`.
 */
export function intervalBarLayers(axisMax: number, axisTitle: string | string[], options: { readonly narrow?: boolean } = {}): Record<string, unknown>[] {
  const narrow = options.narrow === true;
  // a narrow chart has fewer ticks (0 %, 50 %, 100 %), a wide one up to five; neither goes past 100 %
  const tickStep = narrow ? (axisMax > 0.6 ? 0.5 : 0.25) : 0;
  const ticks =
    tickStep > 0
      ? { values: Array.from({ length: Math.floor(Math.min(1, axisMax) / tickStep + 1e-9) + 1 }, (_, i) => i * tickStep) }
      : axisMax > 1
        ? { values: [0, 0.2, 0.4, 0.6, 0.8, 1] }
        : { tickCount: Math.min(Math.round(axisMax * 10), 5) };
  const x = (field: string) => ({ field, type: 'quantitative' });
  const ends = (field: string) => ({
    mark: { type: 'tick', color: CHART_COLORS.interval, thickness: 1.5, size: 9 },
    encoding: { x: x(field) },
  });
  return [
    {
      mark: { type: 'bar', height: { band: narrow ? 0.8 : 0.62 }, strokeWidth: 1 },
      encoding: {
        x: {
          ...x('estimate'),
          scale: { domain: [0, axisMax], nice: false, zero: true },
          axis: {
            format: '.0%',
            title: axisTitle,
            titleAnchor: 'start',
            titlePadding: 10,
            ...ticks,
            grid: true,
            domain: false,
            ticks: false,
            labelColor: CHART_COLORS.mutedText,
            labelFlush: narrow,
          },
        },
        color: {
          field: 'style',
          type: 'nominal',
          scale: { domain: ['normal', 'low', 'total'], range: [CHART_COLORS.primary, CHART_COLORS.primaryLight, CHART_COLORS.secondary] },
          legend: null,
        },
        stroke: { condition: { test: "datum.style === 'low'", value: CHART_COLORS.primary }, value: null },
        strokeDash: { condition: { test: "datum.style === 'low'", value: [4, 2] }, value: [1, 0] },
      },
    },
    { mark: { type: 'rule', color: CHART_COLORS.background, strokeWidth: 4 }, encoding: { x: x('lo'), x2: { field: 'hi' } } },
    { mark: { type: 'rule', color: CHART_COLORS.interval, strokeWidth: 1.5 }, encoding: { x: x('lo'), x2: { field: 'hi' } } },
    ends('lo'),
    ends('hi'),
    {
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 7, color: CHART_COLORS.text, fontWeight: 'bold' },
      encoding: { x: x('hi'), text: { field: 'value' } },
    },
  ];
}
