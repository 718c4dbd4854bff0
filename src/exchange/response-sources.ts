import type { Study } from '../study/index.js';
import { AppError } from '../app-error.js';
import { limeSurveyResponses } from './limesurvey-responses.js';
import { mappedResponses } from './mapped-responses.js';
import { surveyJsResponses } from './surveyjs-responses.js';

/**
 * The kinds of response file a wave imports: our own CSV export's columns (`csv`), a LimeSurvey response
 * export (`limesurvey`), SurveyJS results (`surveyjs`), a CSV or SPSS .sav file of other columns and codes with a mapping file (`mapped`, see
 * `ZResponseMapping`). Each foreign kind is converted to our CSV, which `importResponsesCsv` then reads and
 * checks line by line, so that every source gets the same checks, rejections and transaction.
 */
export const RESPONSE_SOURCES = ['csv', 'limesurvey', 'surveyjs', 'mapped'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

/** Each source's name as its users know it (CLI messages; the workspace words them in its messages). */
export const RESPONSE_SOURCE_NAMES: Record<ResponseSource, string> = { csv: 'CSV', limesurvey: 'LimeSurvey', surveyjs: 'SurveyJS', mapped: 'CSV or .sav with a mapping' };

/** The sources read with a mapping file (`--mapping`, the workspace's mapping field); the others refuse one. */
export const RESPONSE_SOURCES_WITH_MAPPING: ReadonlySet<ResponseSource> = new Set<ResponseSource>(['mapped']);

export const isResponseSource = (value: string): value is ResponseSource => (RESPONSE_SOURCES as readonly string[]).includes(value);

/** How one source column (or key) was read: the variables of our CSV it fills (none: left out or unknown). */
export interface SourceColumn {
  readonly source: string;
  readonly variables: readonly string[];
}

/** A foreign response file as our CSV, with how its columns were read (shown before an import is confirmed). */
export interface ConvertedResponses {
  /** responses in the columns of our CSV export: what `importResponsesCsv` reads */
  readonly csv: string;
  /** each source column and what it became, in the file's order (empty when the source gives none) */
  readonly columns: readonly SourceColumn[];
  /** the source's bookkeeping columns left out on purpose (listed, never imported) */
  readonly leftOut: readonly string[];
  /** columns naming no question of the study (the import refuses them, by name) */
  readonly unknown: readonly string[];
}

export interface ConvertOptions {
  /** a mapping file, for the sources that take one */
  readonly mapping?: Buffer;
}

/**
 * Converts a response file of `source` to our CSV; `null` for `csv`, whose file is read as it is (and
 * streamed). Throws AppError('INVALID_INPUT') naming what is wrong with the file or its mapping.
 */
export async function convertResponses(source: ResponseSource, study: Study, file: Buffer, options: ConvertOptions = {}): Promise<ConvertedResponses | null> {
  switch (source) {
    case 'csv':
      return null;
    case 'limesurvey':
      return limeSurveyResponses(study, file.toString('utf8'));
    case 'surveyjs':
      return surveyJsResponses(study, file.toString('utf8'));
    case 'mapped': {
      if (!options.mapping) throw new AppError('INVALID_INPUT', 'a CSV or .sav file of other columns needs its mapping file: --mapping is required', { field: 'mapping' });
      return mappedResponses(study, file, options.mapping);
    }
  }
}
