import type { Chart } from './chart-types.js';
import { indicatorBars, type IndicatorBarInput } from './indicator-bars.js';

/**
 * A ranked bar chart: indicators sorted by estimate, highest first (the hierarchy of challenges, the
 * networks used), each bar with its percentage and its 95 % interval. Missing estimates are left out of
 * the chart and shown as a dash in the table.
 */
export function rankedBarChart(input: IndicatorBarInput): Chart {
  return indicatorBars(input, true);
}
