import { createRequire } from 'node:module';
import { AppError } from '../app-error.js';

/** The part of the `sav-reader` package read here (a CommonJS package: loaded with require, typed by hand). */
interface SavReaderModule {
  SavBufferReader: new (
    buffer: Buffer,
  ) => {
    open(): Promise<void>;
    readAllRows(includeNulls?: boolean): Promise<Record<string, number | string | null>[]>;
    meta: {
      sysvars: { name: string; type: number; printFormat: { typestr: string } }[];
      getValueLabels(name: string): { val: number | string; label: string }[] | undefined;
    };
  };
  DateHelper: { dateFromNumber(n: number): Date | null };
}

const savReader = createRequire(import.meta.url)('sav-reader') as SavReaderModule;

/** SPSS formats of a day, and of a day and time (values in seconds since 14 October 1582). */
const DAY_FORMATS = new Set(['DATE', 'ADATE', 'EDATE', 'JDATE', 'SDATE']);
const TIME_FORMATS = new Set(['DATETIME']);

/** A .sav file as text cells: its variables, one row per case, and each variable's value labels by value. */
export interface SavTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly valueLabels: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** A number as a cell: integers without decimals, others with a decimal point (full precision). */
const numberCell = (n: number) => String(n);

/**
 * Reads an SPSS .sav file (with `sav-reader`): numbers as text (`2`, `3.5`), strings without SPSS's padding,
 * system-missing values empty, dates (DATE, ADATE, EDATE, JDATE, SDATE formats) as `YYYY-MM-DD` and date-times
 * (DATETIME) as `YYYY-MM-DDTHH:mm:ss` (SPSS keeps no time zone). Throws AppError('INVALID_INPUT') for a file it
 * cannot read.
 */
export async function readSavTable(file: Buffer): Promise<SavTable> {
  const reader = new savReader.SavBufferReader(file);
  let records: Record<string, number | string | null>[];
  try {
    await reader.open();
    records = await reader.readAllRows(true);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `the .sav file cannot be read: ${(error as Error).message}`, { field: 'file' });
  }
  const variables = reader.meta.sysvars;
  const header = variables.map((v) => v.name);
  const cell = (value: number | string | null | undefined, format: string): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value.trimEnd();
    if (Number.isNaN(value)) return '';
    if (DAY_FORMATS.has(format) || TIME_FORMATS.has(format)) {
      const date = savReader.DateHelper.dateFromNumber(value);
      if (!date || Number.isNaN(date.getTime())) return '';
      const iso = date.toISOString();
      return DAY_FORMATS.has(format) ? iso.slice(0, 10) : iso.slice(0, 19);
    }
    return numberCell(value);
  };
  const rows = records.map((record) => variables.map((v) => cell(record[v.name], v.printFormat?.typestr ?? '')));
  const valueLabels = new Map<string, Map<string, string>>();
  for (const v of variables) {
    const labels = reader.meta.getValueLabels(v.name);
    if (labels?.length) valueLabels.set(v.name, new Map(labels.map((l) => [typeof l.val === 'number' ? numberCell(l.val) : String(l.val).trimEnd(), l.label])));
  }
  return { header, rows, valueLabels };
}
