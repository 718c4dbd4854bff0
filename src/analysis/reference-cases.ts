import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, type CsvTable } from './read-csv.js';
import { parseCase, type ParsedCase } from './reference-cases-schema.js';
import {
  categoricalFromStrings, ciprop, createDataset, createDesign, estimateMean, estimateProportions, estimateTotal, numericColumn,
  poststratify, rake, raoScottChiSquare, StatsError, weightDiagnostics, type Column, type SurveyDesign,
} from '../stats/index.js';

/** One case of the R reference format (test/fixtures/r-reference/README.md). */
export interface ReferenceCase {
  readonly id: string;
  readonly data: string;
  readonly design: {
    readonly weights: string; readonly ids?: string; readonly strata?: string; readonly fpc?: string;
    readonly filter?: Readonly<Record<string, string>>;
  };
  readonly calibration?: {
    readonly type: 'rake' | 'poststratify';
    readonly margins: readonly { readonly variable: string; readonly population: Readonly<Record<string, number>> }[];
  } | null;
  readonly estimate: {
    readonly kind: 'mean' | 'total' | 'proportion' | 'ciprop' | 'chisq' | 'weights';
    readonly variable?: string; readonly by?: string; readonly deff?: boolean; readonly level?: string;
    readonly method?: 'logit' | 'beta' | 'asin' | 'wald'; readonly conf?: number;
    readonly rows?: string; readonly cols?: string; readonly statistic?: 'F' | 'Chisq';
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

/**
 * Computes every case: returns the document with each case's `result` replaced by ours (field names as in
 * the reference), or an `error` field (and no result) for a case that cannot be computed; the other cases
 * still run. `readData(name)` returns a data file's text and is called once per distinct file.
 */
export function computeReferenceCases(document: ReferenceDocument, readData: (name: string) => string): ReferenceDocument {
  const tables = new Map<string, CsvTable | Error>();
  const table = (name: string): CsvTable => {
    let t = tables.get(name);
    if (!t) {
      try { t = readCsv(readData(name)); } catch (error) { t = error as Error; }
      tables.set(name, t);
    }
    if (t instanceof Error) throw t;
    return t;
  };
  const cases = document.cases.map((c, index) => {
    const { result: _drop, error: _err, ...rest } = c;
    const parsed = parseCase(c, index);
    if (!parsed.ok) return { ...rest, error: `INVALID_CASE: ${parsed.message}` };
    try {
      return { ...rest, result: computeCase(parsed.value, table(parsed.value.data)) };
    } catch (error) {
      const e = error as Error;
      return { ...rest, error: e instanceof StatsError ? `${e.code}: ${e.message}` : e.message };
    }
  });
  return { ...document, cases };
}

/** Reads a cases file and the data files beside it (or in dataDir), each once, and computes the cases. */
export function runReferenceCasesFile(casesPath: string, dataDir?: string): ReferenceDocument {
  const document = JSON.parse(readFileSync(casesPath, 'utf8')) as ReferenceDocument;
  if (!document || !Array.isArray(document.cases)) throw new Error(`${casesPath}: no "cases" array`);
  const dir = dataDir ?? join(casesPath, '..');
  return computeReferenceCases(document, (name) => readFileSync(join(dir, name), 'utf8'));
}

function computeCase(c: ParsedCase, csv: CsvTable): ResultRow[] {
  const keep = rowsKept(c, csv);
  const est = c.estimate;
  const numericNames = new Set<string>([c.design.weights]);
  if (c.design.fpc) numericNames.add(c.design.fpc);
  if ((est.kind === 'mean' || est.kind === 'total') && est.variable) numericNames.add(est.variable);
  const categoricalNames = new Set<string>();
  for (const name of [c.design.strata, c.design.ids, 'by' in est ? est.by : undefined, 'rows' in est ? est.rows : undefined, 'cols' in est ? est.cols : undefined, est.kind === 'proportion' || est.kind === 'ciprop' ? est.variable : undefined]) {
    if (name) categoricalNames.add(name);
  }
  for (const m of c.calibration?.margins ?? []) categoricalNames.add(m.variable);
  const marginOrder = new Map((c.calibration?.margins ?? []).map((m) => [m.variable, Object.keys(m.population)]));
  const columns: Column[] = [];
  for (const name of numericNames) columns.push(numericFromCsv(csv, name, keep, est.kind));
  for (const name of categoricalNames) {
    const values = rawColumn(csv, name, est.kind).filter((_, i) => keep[i]);
    const present = [...new Set(values.filter((v) => v !== 'NA' && v !== ''))];
    const order = marginOrder.get(name);
    const levels = order ? [...order, ...present.filter((l) => !order.includes(l)).sort()] : present.sort();
    columns.push(categoricalFromStrings(name, values, { levels }));
  }
  let design: SurveyDesign = createDesign(createDataset(columns), {
    weights: c.design.weights, strata: c.design.strata, clusters: c.design.ids, fpc: c.design.fpc,
  });
  if (c.calibration) {
    design = c.calibration.type === 'poststratify'
      ? poststratify(design, c.calibration.margins[0]).design
      : rake(design, c.calibration.margins, { tolerance: 1e-13 }).design;
  }
  switch (est.kind) {
    case 'mean':
    case 'total': {
      const results = (est.kind === 'mean' ? estimateMean : estimateTotal)(design, est.variable, { by: est.by, deff: est.deff ? true : undefined });
      return results.map((r) => r.kind === 'unavailable'
        ? { ...(est.by ? { domain: r.domain } : {}), level: r.variable, error: r.reason }
        : { ...(est.by ? { domain: r.domain } : {}), level: r.variable, estimate: r.estimate, se: r.se, ...(est.deff ? { deff: r.deff } : {}) });
    }
    case 'proportion': {
      const variable = est.variable;
      return estimateProportions(design, variable, { by: est.by, deff: est.deff ? true : undefined }).map((r) => r.kind === 'unavailable'
        ? { ...(est.by ? { domain: r.domain } : {}), level: variable, error: r.reason }
        : { ...(est.by ? { domain: r.domain } : {}), level: variable + r.level, estimate: r.estimate, se: r.se, ...(est.deff ? { deff: r.deff } : {}) });
    }
    case 'ciprop': {
      const r = ciprop(design, est.variable, est.level, { method: est.method, conf: est.conf });
      return [{ estimate: r.estimate, se: r.se, lower: r.lower, upper: r.upper, ...(r.interval === 'design' ? {} : { interval: r.interval }) }];
    }
    case 'chisq': {
      const r = raoScottChiSquare(design, est.rows, est.cols, { statistic: est.statistic });
      return [{ statistic: r.value, df: r.df, p: r.p }];
    }
    case 'weights': {
      const d = weightDiagnostics(design.weights);
      return [{ sum: d.sum, min: d.min, max: d.max, kish_deff: d.kishDeff }];
    }
  }
}

function rowsKept(c: ParsedCase, csv: CsvTable): boolean[] {
  const keep = new Array<boolean>(csv.rowCount).fill(true);
  for (const [name, value] of Object.entries(c.design.filter ?? {})) {
    const values = rawColumn(csv, name, 'filter');
    for (let i = 0; i < keep.length; i++) if (values[i] !== String(value)) keep[i] = false;
  }
  return keep;
}

function rawColumn(csv: CsvTable, name: string, caller: string): readonly string[] {
  const values = csv.columns.get(name);
  if (!values) throw new StatsError('UNKNOWN_COLUMN', `${caller}: no column "${name}"`);
  return values;
}

function numericFromCsv(csv: CsvTable, name: string, keep: readonly boolean[], caller: string) {
  const raw = rawColumn(csv, name, caller);
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!keep[i]) continue;
    const v = raw[i];
    if (v === 'NA' || v === '') { out.push(NaN); continue; }
    const x = Number(v);
    if (!Number.isFinite(x)) throw new StatsError('NOT_NUMERIC', `${caller}: column "${name}" is not numeric (value "${v}" at row ${i + 1})`);
    out.push(x);
  }
  return numericColumn(name, out);
}
