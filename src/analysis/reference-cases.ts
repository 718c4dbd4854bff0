import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvColumns, type CsvColumns } from './read-csv-columns.js';
import { parseCase, type ParsedCase } from './reference-cases-schema.js';
import { computeEstimatorCase } from './reference-estimator-results.js';
import {
  calibrate,
  categoricalColumn,
  ciprop,
  createDesign,
  estimateMean,
  estimateProportions,
  estimateTotal,
  numericColumn,
  poststratify,
  rake,
  raoScottChiSquare,
  StatsError,
  weightDiagnostics,
  type Column,
  type Dataset,
  type SurveyDesign,
} from '../stats/index.js';
import { categoricalOf } from '../stats/dataset.js';
import { codeTables, prepareDesignFrame, statsFromCodeTable, type CodeTable, type DesignFrame } from '../stats/table-engine.js';

/**
 * One case of the R reference format (test/fixtures/r-reference/README.md), as read; `parseCase`
 * (reference-cases-schema.ts) checks it strictly before anything is computed.
 */
export interface ReferenceCase {
  readonly id: string;
  readonly data: string;
  readonly design: {
    readonly weights: string;
    readonly ids?: string;
    readonly strata?: string;
    readonly fpc?: string;
    readonly filter?: Readonly<Record<string, string>>;
  };
  readonly calibration?: {
    readonly type: 'rake' | 'poststratify' | 'linear' | 'logit';
    /** bounds [L, U] of the weight ratio g (rake, linear; required for logit) */
    readonly bounds?: readonly [number, number];
    readonly margins?: readonly { readonly variable: string; readonly population: Readonly<Record<string, number>> }[];
    /** numeric totals and the population size (rake, linear, logit) */
    readonly totals?: Readonly<Record<string, number>>;
    readonly populationSize?: number;
  } | null;
  readonly estimate: {
    readonly kind: 'mean' | 'total' | 'proportion' | 'ciprop' | 'chisq' | 'weights' | 'quantile' | 'ratio' | 'glm' | 'trend';
    readonly variable?: string;
    readonly by?: string;
    readonly deff?: boolean;
    readonly level?: string;
    readonly method?: 'logit' | 'beta' | 'asin' | 'wald';
    readonly conf?: number;
    readonly rows?: string;
    readonly cols?: string;
    readonly statistic?: 'F' | 'Chisq';
    // quantile, ratio, glm, trend (reference-cases-estimators.ts)
    readonly [option: string]: unknown;
  };
  readonly result?: unknown;
  readonly error?: string;
  readonly [key: string]: unknown;
}

export interface ReferenceDocument {
  readonly cases: readonly ReferenceCase[];
  readonly [key: string]: unknown;
}

type ResultRow = Record<string, unknown>;

/** One data file: its text columns and, per filter, the rows kept and their typed columns. */
interface DataFile {
  readonly name: string;
  readonly csv: CsvColumns;
  readonly filtered: Map<string, KeptRows>;
}

/** The rows a filter keeps (all: every row of the file, in order) and their typed columns, made once. */
interface KeptRows {
  readonly rows: Int32Array;
  readonly all: boolean;
  readonly columns: Map<string, Column>;
}

/** A design built once per (data, filter, design, calibration) and shared by the cases that name it. */
interface PreparedDesign {
  readonly design: SurveyDesign;
  /** columns of the design's dataset, filled as cases need them (same rows, same level order) */
  readonly columns: Map<string, Column>;
  readonly frames: Map<string, DesignFrame>;
  readonly codeTables: Map<string, CodeTable | null>;
}

/**
 * Computes every case: returns the document with each case's `result` replaced by ours (field names as in
 * the reference), or an `error` field (and no result) for a case that cannot be computed; the other cases
 * still run. `readData(name)` returns a data file's bytes (or text) and is called once per distinct file. Each
 * file is parsed once, straight into typed columns; each design and calibration is built once per (data, filter, design, calibration) and reused
 * by the cases that share it; proportions come from cell sums (the table engine) where the design allows.
 * Error messages name the case and, for a faulty row, its 1-based line in the data file.
 */
export function computeReferenceCases(document: ReferenceDocument, readData: (name: string) => Uint8Array | string): ReferenceDocument {
  const files = new Map<string, DataFile | Error>();
  const file = (name: string): DataFile => {
    let f = files.get(name);
    if (!f) {
      try {
        const content = readData(name);
        f = { name, csv: readCsvColumns(typeof content === 'string' ? new TextEncoder().encode(content) : content), filtered: new Map() };
      } catch (error) {
        f = new Error(`${name}: ${(error as Error).message}`);
      }
      files.set(name, f);
    }
    if (f instanceof Error) throw f;
    return f;
  };
  const designs = new Map<string, PreparedDesign | Error>();
  const cases = document.cases.map((c, index) => {
    const { result: _drop, error: _err, ...rest } = c;
    const parsed = parseCase(c, index);
    if (!parsed.ok) return { ...rest, error: `INVALID_CASE: ${parsed.message}` };
    const label = `case "${parsed.value.id}"`;
    let data: DataFile | undefined;
    let rows: Int32Array | undefined;
    try {
      data = file(parsed.value.data);
      const kept = filtered(data, parsed.value);
      rows = kept.rows;
      return { ...rest, result: computeCase(parsed.value, data, kept, designs) };
    } catch (error) {
      const e = error as Error;
      if (!(e instanceof StatsError)) return { ...rest, error: `${label}: ${e.message}` };
      const where = e.row !== undefined && data && rows && e.row < rows.length ? ` (${data.name} line ${data.csv.lines[rows[e.row]]})` : '';
      return { ...rest, error: `${e.code}: ${label}: ${e.message}${where}` };
    }
  });
  return { ...document, cases };
}

/** Reads a cases file and the data files beside it (or in dataDir), each once, and computes the cases. */
export function runReferenceCasesFile(casesPath: string, dataDir?: string): ReferenceDocument {
  const document = JSON.parse(readFileSync(casesPath, 'utf8')) as ReferenceDocument;
  if (!document || !Array.isArray(document.cases)) throw new Error(`${casesPath}: no "cases" array`);
  const dir = dataDir ?? join(casesPath, '..');
  return computeReferenceCases(document, (name) => readFileSync(join(dir, name)));
}

function filtered(data: DataFile, c: ParsedCase): KeptRows {
  const filter = Object.entries(c.design.filter ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify(filter);
  let kept = data.filtered.get(key);
  if (!kept) {
    const keep = new Uint8Array(data.csv.rowCount).fill(1);
    for (const [name, value] of filter) {
      const { codes, values } = data.csv.codes(columnIndex(data.csv, name, 'filter'));
      const wanted = values.indexOf(value);
      for (let i = 0; i < keep.length; i++) if (codes[i] !== wanted || wanted < 0) keep[i] = 0;
    }
    let count = 0;
    for (let i = 0; i < keep.length; i++) count += keep[i];
    const rows = new Int32Array(count);
    for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) rows[k++] = i;
    kept = { rows, all: count === keep.length, columns: new Map() };
    data.filtered.set(key, kept);
  }
  return kept;
}

/** A typed column of the kept rows: numeric, or categorical with the given first levels (margins' order). */
function typedColumn(data: DataFile, kept: KeptRows, name: string, kind: 'numeric' | 'categorical', order: readonly string[] | undefined, caller: string): Column {
  const key = `${kind}\u0000${name}\u0000${order ? JSON.stringify(order) : ''}`;
  const cached = kept.columns.get(key);
  if (cached) return cached;
  const at = columnIndex(data.csv, name, caller);
  const rows = kept.rows;
  let column: Column;
  if (kind === 'numeric') {
    const read = data.csv.numbers(at);
    const all = read.numbers;
    column = numericColumn(name, !all ? numbersFromText(data.csv, at, kept, name, caller) : kept.all ? all : Float64Array.from(rows, (r) => all[r]));
  } else {
    const { codes, values: present } = data.csv.codes(at);
    const levels = order ? [...order, ...present.filter((l) => !order.includes(l)).sort()] : [...present].sort();
    const remap = Int32Array.from(present, (l) => levels.indexOf(l));
    const small = levels.length < 127 ? new Int8Array(rows.length) : levels.length < 32767 ? new Int16Array(rows.length) : new Int32Array(rows.length);
    if (kept.all) for (let k = 0; k < rows.length; k++) small[k] = codes[k] < 0 ? -1 : remap[codes[k]];
    else
      for (let k = 0; k < rows.length; k++) {
        const code = codes[rows[k]];
        small[k] = code < 0 ? -1 : remap[code];
      }
    column = categoricalColumn(name, small, levels);
  }
  kept.columns.set(key, column);
  return column;
}

function preparedDesign(c: ParsedCase, data: DataFile, kept: KeptRows, designs: Map<string, PreparedDesign | Error>): PreparedDesign {
  const key = JSON.stringify([c.data, Object.entries(c.design.filter ?? {}).sort(), c.design.weights, c.design.strata, c.design.ids, c.design.fpc, c.calibration ?? null]);
  let prepared = designs.get(key);
  if (prepared instanceof Error) throw prepared;
  if (prepared) return prepared;
  try {
    const marginOrder = new Map((c.calibration?.margins ?? []).map((m) => [m.variable, Object.keys(m.population)]));
    const columns = new Map<string, Column>();
    const dataset: Dataset = Object.freeze({ kind: 'dataset', n: kept.rows.length, columns });
    const add = (name: string | undefined, kind: 'numeric' | 'categorical') => {
      if (name && !columns.has(name)) columns.set(name, typedColumn(data, kept, name, kind, marginOrder.get(name), 'createDesign'));
    };
    add(c.design.weights, 'numeric');
    add(c.design.fpc, 'numeric');
    add(c.design.strata, 'categorical');
    add(c.design.ids, 'categorical');
    for (const m of c.calibration?.margins ?? []) add(m.variable, 'categorical');
    if (c.calibration && c.calibration.type !== 'poststratify') for (const name of Object.keys(c.calibration.totals ?? {})) add(name, 'numeric');
    let design = createDesign(dataset, { weights: c.design.weights, strata: c.design.strata, clusters: c.design.ids, fpc: c.design.fpc });
    if (c.calibration) design = calibratedDesign(design, c.calibration);
    prepared = { design, columns, frames: new Map(), codeTables: new Map() };
    designs.set(key, prepared);
    return prepared;
  } catch (error) {
    designs.set(key, error as Error);
    throw error;
  }
}

/**
 * The case's calibration: post-stratification, raking by IPF (margins only, no bounds), otherwise R's
 * `calibrate` with the case's function (rake: "raking"), margins, numeric totals, population size and bounds.
 */
function calibratedDesign(design: SurveyDesign, cal: NonNullable<ParsedCase['calibration']>): SurveyDesign {
  if (cal.type === 'poststratify') return poststratify(design, cal.margins[0]).design;
  const margins = cal.margins ?? [];
  const totals = Object.entries(cal.totals ?? {}).map(([variable, total]) => ({ variable, total }));
  if (cal.type === 'rake' && !cal.bounds && totals.length === 0 && cal.populationSize === undefined) return rake(design, margins, { tolerance: 1e-13 }).design;
  return calibrate(design, {
    margins,
    totals,
    populationSize: cal.populationSize,
    calfun: cal.type === 'rake' ? 'raking' : cal.type,
    bounds: cal.bounds,
    tolerance: 1e-13,
    maxIterations: 500,
  }).design;
}

function computeCase(c: ParsedCase, data: DataFile, kept: KeptRows, designs: Map<string, PreparedDesign | Error>): ResultRow[] {
  const prepared = preparedDesign(c, data, kept, designs);
  const { design } = prepared;
  const est = c.estimate;
  const need = (name: string, kind: 'numeric' | 'categorical') => {
    const have = prepared.columns.get(name);
    if (have && have.kind === kind) return;
    if (have) throw new StatsError(kind === 'numeric' ? 'NOT_NUMERIC' : 'NOT_CATEGORICAL', `${est.kind}: column "${name}" is ${have.kind}, not ${kind}`);
    prepared.columns.set(name, typedColumn(data, kept, name, kind, undefined, est.kind));
  };
  switch (est.kind) {
    case 'mean':
    case 'total': {
      need(est.variable, 'numeric');
      if (est.by) need(est.by, 'categorical');
      const results = (est.kind === 'mean' ? estimateMean : estimateTotal)(design, est.variable, { by: est.by, deff: est.deff ? true : undefined });
      return results.map((r) =>
        r.kind === 'unavailable'
          ? { ...(est.by ? { domain: r.domain } : {}), level: r.variable, error: r.reason }
          : { ...(est.by ? { domain: r.domain } : {}), level: r.variable, estimate: r.estimate, se: r.se, ...(est.deff ? { deff: r.deff } : {}) },
      );
    }
    case 'proportion': {
      const variable = est.variable;
      need(variable, 'categorical');
      if (est.by) need(est.by, 'categorical');
      const fast = est.deff ? null : proportionsFromCells(prepared, variable, est.by);
      if (fast) return fast;
      return estimateProportions(design, variable, { by: est.by, deff: est.deff ? true : undefined }).map((r) =>
        r.kind === 'unavailable'
          ? { ...(est.by ? { domain: r.domain } : {}), level: variable, error: r.reason }
          : { ...(est.by ? { domain: r.domain } : {}), level: variable + r.level, estimate: r.estimate, se: r.se, ...(est.deff ? { deff: r.deff } : {}) },
      );
    }
    case 'ciprop': {
      need(est.variable, 'categorical');
      const r = ciprop(design, est.variable, est.level, { method: est.method, conf: est.conf });
      return [{ estimate: r.estimate, se: r.se, lower: r.lower, upper: r.upper, ...(r.interval === 'design' ? {} : { interval: r.interval }) }];
    }
    case 'chisq': {
      need(est.rows, 'categorical');
      need(est.cols, 'categorical');
      const r = raoScottChiSquare(design, est.rows, est.cols, { statistic: est.statistic });
      return [{ statistic: r.value, df: r.df, p: r.p }];
    }
    case 'weights': {
      const d = weightDiagnostics(design.weights);
      return [{ sum: d.sum, min: d.min, max: d.max, kish_deff: d.kishDeff }];
    }
    case 'quantile':
    case 'ratio':
    case 'glm':
    case 'trend':
      return computeEstimatorCase(est, design, need);
  }
}

/**
 * Proportions of every level, overall or by domain, from the table engine's cell sums (one pass over the rows
 * per variable, then O(cells) per level): the same numbers as estimateProportions. Null when the design does
 * not allow it (clusters, a table too large): the caller then uses estimateProportions.
 */
function proportionsFromCells(prepared: PreparedDesign, variable: string, by: string | undefined): ResultRow[] | null {
  const frameKey = by ?? '';
  let frame = prepared.frames.get(frameKey);
  if (!frame) {
    frame = prepareDesignFrame(prepared.design, by ? [by] : [], 'proportion');
    prepared.frames.set(frameKey, frame);
  }
  if (!frame.fast) return null;
  const tableKey = `${frameKey}\u0000${variable}`;
  let table = prepared.codeTables.get(tableKey);
  if (table === undefined) {
    table = codeTables(frame, [variable], 'proportion')[0];
    prepared.codeTables.set(tableKey, table);
  }
  if (!table) return null;
  const column = categoricalOf(prepared.design.dataset, variable, 'proportion');
  const stats = column.levels.map((_, l) => statsFromCodeTable(frame, table, [l], 'proportion'));
  if (!by) {
    if (!stats[0]?.overall) return [{ level: variable, error: `no respondent to "${variable}"` }];
    return column.levels.map((level, l) => ({ level: variable + level, estimate: stats[l].overall!.estimate, se: Math.sqrt(Math.max(0, stats[l].overall!.variance)) }));
  }
  const domains = categoricalOf(prepared.design.dataset, by, 'proportion').levels;
  const out: ResultRow[] = [];
  domains.forEach((domain, d) => {
    if (!stats[0]?.banners[0].stats[d]) {
      out.push({ domain, level: variable, error: `no respondent to "${variable}" in domain "${domain}"` });
      return;
    }
    column.levels.forEach((level, l) => {
      const s = stats[l].banners[0].stats[d]!;
      out.push({ domain, level: variable + level, estimate: s.estimate, se: Math.sqrt(Math.max(0, s.variance)) });
    });
  });
  return out;
}

/**
 * Numbers of the kept rows of a column that has some value that is not a number: through its distinct values,
 * so that a text value in a row the filter leaves out does not matter. Throws NOT_NUMERIC for the first kept
 * row whose value is not a number.
 */
function numbersFromText(csv: CsvColumns, at: number, kept: KeptRows, name: string, caller: string): Float64Array {
  const { codes, values } = csv.codes(at);
  const numbers = values.map((v) => (v.trim() === '' ? NaN : Number(v)));
  const out = new Float64Array(kept.rows.length);
  for (let k = 0; k < kept.rows.length; k++) {
    const code = codes[kept.rows[k]];
    if (code < 0) out[k] = NaN;
    else if (Number.isFinite(numbers[code])) out[k] = numbers[code];
    else throw new StatsError('NOT_NUMERIC', `${caller}: column "${name}" is not numeric (value "${values[code]}")`, k);
  }
  return out;
}

function columnIndex(csv: CsvColumns, name: string, caller: string): number {
  const at = csv.header.indexOf(name);
  if (at < 0) throw new StatsError('UNKNOWN_COLUMN', `${caller}: no column "${name}"`);
  return at;
}
