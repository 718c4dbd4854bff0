import { StatsError } from './stats-error.js';

/** Category codes: -1 is missing, otherwise an index into `levels`. */
export type CodeArray = Int8Array | Int16Array | Int32Array;

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /** NaN marks a missing value */
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** -1 marks a missing value */
  readonly codes: CodeArray;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface Dataset {
  readonly kind: 'dataset';
  /** number of rows */
  readonly n: number;
  readonly columns: ReadonlyMap<string, Column>;
}

/**
 * A numeric column (NaN = missing). Complexity O(1) for a Float64Array, O(n) for an array.
 * @example numericColumn('age', new Float64Array([31, NaN])) // { kind: 'numeric', name: 'age', values }
 */
export function numericColumn(name: string, values: Float64Array | readonly number[]): NumericColumn {
  const array = values instanceof Float64Array ? values : Float64Array.from(values);
  return Object.freeze({ kind: 'numeric', name, values: array });
}

/**
 * A categorical column from codes (-1 = missing) and the list of levels. Complexity O(n) (codes are checked).
 * @throws StatsError INVALID_ARGUMENT when a code is outside [-1, levels.length).
 * @example categoricalColumn('sex', Int8Array.of(0, 1, -1), ['F', 'M'])
 */
export function categoricalColumn(name: string, codes: CodeArray | readonly number[], levels: readonly string[]): CategoricalColumn {
  const array: CodeArray = ArrayBuffer.isView(codes) ? codes : smallestCodes(codes, levels.length);
  for (let i = 0; i < array.length; i++) {
    const c = array[i];
    if (c < -1 || c >= levels.length) {
      throw new StatsError('INVALID_ARGUMENT', `categoricalColumn: column "${name}" has code ${c} at row ${i + 1}, outside its ${levels.length} levels`, i);
    }
  }
  return Object.freeze({ kind: 'categorical', name, codes: array, levels: Object.freeze([...levels]) });
}

function smallestCodes(codes: readonly number[], nLevels: number): CodeArray {
  if (nLevels < 127) return Int8Array.from(codes);
  if (nLevels < 32767) return Int16Array.from(codes);
  return Int32Array.from(codes);
}

/**
 * A categorical column from text values. Levels are `options.levels` when given (a value outside them is an
 * error), otherwise the distinct values sorted; values in `options.missing` (default: '', 'NA') become -1.
 * Complexity O(n).
 * @throws StatsError UNKNOWN_LEVEL when a value is not one of the given levels.
 * @example categoricalFromStrings('size', ['GE', 'PME', 'NA']).levels // ['GE', 'PME']
 */
export function categoricalFromStrings(
  name: string,
  values: readonly (string | null | undefined)[],
  options: { levels?: readonly string[]; missing?: readonly string[] } = {},
): CategoricalColumn {
  const missing = new Set(options.missing ?? ['', 'NA']);
  let levels = options.levels;
  if (!levels) {
    const seen = new Set<string>();
    for (const v of values) if (v != null && !missing.has(v)) seen.add(v);
    levels = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = levels.length < 127 ? new Int8Array(values.length) : levels.length < 32767 ? new Int16Array(values.length) : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v == null || missing.has(v)) {
      codes[i] = -1;
      continue;
    }
    const c = index.get(v);
    if (c === undefined) throw new StatsError('UNKNOWN_LEVEL', `categoricalFromStrings: column "${name}" has value "${v}" at row ${i + 1}, not one of its levels`, i);
    codes[i] = c;
  }
  return Object.freeze({ kind: 'categorical', name, codes, levels: Object.freeze([...levels]) });
}

/**
 * Bundles columns of equal length into a dataset.
 * Complexity O(columns).
 * @throws StatsError LENGTH_MISMATCH when columns differ in length.
 * @example createDataset([numericColumn('x', [1, 2])]).n // 2
 */
export function createDataset(columns: readonly Column[]): Dataset {
  const map = new Map<string, Column>();
  let n = -1;
  for (const column of columns) {
    const length = column.kind === 'numeric' ? column.values.length : column.codes.length;
    if (n === -1) n = length;
    else if (length !== n) {
      throw new StatsError('LENGTH_MISMATCH', `createDataset: column "${column.name}" has ${length} rows, others ${n}`);
    }
    map.set(column.name, column);
  }
  return Object.freeze({ kind: 'dataset', n: Math.max(n, 0), columns: map });
}

/**
 * The numeric column `name` (for the estimators). Complexity O(1).
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC.
 * @example numericValues(ds, 'age', 'mean') // Float64Array
 */
export function numericValues(dataset: Dataset, name: string, caller: string): Float64Array {
  const column = dataset.columns.get(name);
  if (!column) throw new StatsError('UNKNOWN_COLUMN', `${caller}: no column "${name}"`);
  if (column.kind !== 'numeric') throw new StatsError('NOT_NUMERIC', `${caller}: column "${name}" is categorical, not numeric`);
  return column.values;
}

/**
 * The categorical column `name` (for the estimators). Complexity O(1).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL.
 * @example categoricalOf(ds, 'size', 'rake').levels // ['TPE', 'PME']
 */
export function categoricalOf(dataset: Dataset, name: string, caller: string): CategoricalColumn {
  const column = dataset.columns.get(name);
  if (!column) throw new StatsError('UNKNOWN_COLUMN', `${caller}: no column "${name}"`);
  if (column.kind !== 'categorical') throw new StatsError('NOT_CATEGORICAL', `${caller}: column "${name}" is numeric, not categorical`);
  return column;
}
