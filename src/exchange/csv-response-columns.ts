import { csvRecordsSync } from '../analysis/read-csv.js';
import type { Study } from '../study/index.js';
import { exportVariables } from './export-variables.js';
import { CSV_COLUMNS_LEFT_OUT, CSV_PARADATA_COLUMNS } from './import-responses-csv.js';
import type { ConvertedResponses } from './response-sources.js';

/**
 * How importResponsesCsv reads the header of a file in our CSV export's columns, told as a foreign source's
 * conversion is (shown before an import is confirmed): each column and the variable it fills, the columns
 * left out (the response id, the weights, the channel) and those naming no variable of the study.
 */
export function csvResponseColumns(study: Study, file: Buffer): Omit<ConvertedResponses, 'csv'> {
  const text = file.toString('utf8');
  const end = text.search(/\r?\n|\r/);
  const header = end < 0 ? text : text.slice(0, end);
  const separator = header.split(';').length > header.split(',').length ? ';' : ',';
  const names = (csvRecordsSync(header, separator)[0]?.cells ?? []).map((c) => c.trim()).filter((c) => c !== '');
  const known = new Set(exportVariables(study, { withStatus: true, withWeight: true, includeIdentifying: true }).variables.map((v) => v.name));
  const leftOut = names.filter((name) => CSV_COLUMNS_LEFT_OUT.has(name));
  const unknown = names.filter((name) => !CSV_COLUMNS_LEFT_OUT.has(name) && !CSV_PARADATA_COLUMNS.has(name) && !known.has(name));
  const columns = names.map((name) => ({ source: name, variables: CSV_COLUMNS_LEFT_OUT.has(name) || unknown.includes(name) ? [] : [name] }));
  return Object.freeze({ columns, leftOut, unknown });
}
