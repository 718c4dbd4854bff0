import type { ColumnLayout, Indicator } from '../study/index.js';

/** The category columns of a loaded wave (see load-wave.ts), by variable name. */
export interface IndicatorSource {
  readonly n: number;
  readonly categories: ReadonlyMap<string, Int16Array>;
}

/**
 * An indicator as a column: 1 when the respondent's code in the indicator's variable is one of `yes`, 0 when
 * it is another code of the base, −1 when out of the base (not asked, not answered, or an out-of-base code
 * such as "don't know"). Which responses are in the wave (complete, not excluded) is the loader's business.
 * Complexity O(n).
 * @throws Error when the variable is not a category column of the layout.
 * @example indicatorColumn(columns, layout, { variable: 'crm_enrich', yes: [1, 2], ... }) // Int8Array [1, 0, -1, …]
 */
export function indicatorColumn(columns: IndicatorSource, layout: ColumnLayout, indicator: Pick<Indicator, 'id' | 'variable' | 'yes'>): Int8Array {
  const column = layout.byName.get(indicator.variable);
  const codes = columns.categories.get(indicator.variable);
  if (!column || column.kind !== 'category' || !codes) {
    throw new Error(`indicatorColumn: indicator ${indicator.id} reads "${indicator.variable}", which is not a category column`);
  }
  const outOfBase = new Set(column.outOfBase);
  const yes = new Set(indicator.yes);
  const out = new Int8Array(columns.n);
  for (let i = 0; i < columns.n; i++) {
    const c = codes[i];
    out[i] = c < 0 || outOfBase.has(c) ? -1 : yes.has(c) ? 1 : 0;
  }
  return out;
}
