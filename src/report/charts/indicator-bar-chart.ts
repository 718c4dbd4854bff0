import type { Chart } from './chart-types.js';
import { indicatorBars, type IndicatorBarInput } from './indicator-bars.js';

/** The indicators of a theme in their given order, each bar with its percentage and its 95 % interval. */
export function indicatorBarChart(input: IndicatorBarInput): Chart {
  return indicatorBars(input, false);
}
