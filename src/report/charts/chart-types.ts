import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../format/index.js';

/** A Vega-Lite specification as the builders return it: frozen, with a title, a description and a size. */
export type ChartSpec = TopLevelSpec;

/** A 95 % confidence interval on a proportion, as proportions between 0 and 1. */
export type Interval = readonly [number, number];

/** One indicator as a chart needs it: a label already in the page's language and full-precision numbers. */
export interface IndicatorDatum {
  readonly id?: string;
  readonly label: string;
  /** proportion between 0 and 1 (NaN when not available: left out of the chart, a dash in the table) */
  readonly estimate: number;
  readonly ci: Interval;
  /** unweighted base */
  readonly n: number;
}

/** Options every builder takes. */
export interface ChartCommonInput {
  readonly lang: Lang;
  readonly title: string;
  /** a line under the title, e.g. the question asked */
  readonly subtitle?: string;
  /** total width in pixels, 640 by default */
  readonly width?: number;
}

export interface DataTableColumn {
  readonly label: string;
  readonly align: 'left' | 'right';
}

/** A chart's data as formatted text, for the "see the data table" link and the PDF appendix. */
export interface DataTable {
  readonly caption: string;
  readonly columns: readonly DataTableColumn[];
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly string[];
}

export type ChartType = 'ranked-bar' | 'indicator-bar' | 'cut-bar' | 'trend-line' | 'maturity' | 'daily-counts';

/** What each builder returns: the spec to render, its text alternative and its data table. */
export interface Chart {
  readonly kind: 'chart';
  readonly type: ChartType;
  readonly lang: Lang;
  readonly title: string;
  readonly spec: ChartSpec;
  /** plain text giving the key numbers (also the spec's `description` and the SVG's `<desc>`) */
  readonly alternative: string;
  readonly table: DataTable;
}
