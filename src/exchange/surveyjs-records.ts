import { z } from 'zod';
import { AppError } from '../app-error.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One SurveyJS result read from a file: its answers (`survey.data`), the keys around them, and where it is. */
export interface SurveyJsRecord {
  /** "record 3" (index in the JSON array, from 0) or "line 4" (newline-delimited JSON, from 1) */
  readonly where: string;
  /** the answers: `survey.data`, keyed by question name (with `name-Comment` keys) */
  readonly data: Json;
  /** the keys beside the answers in a wrapper record (`createdAt`, `locale`, `postId`…); empty for a bare result */
  readonly wrapper: Json;
}

/** The keys of a wrapper record that hold the answers: `data`, or the `surveyResult` that SurveyJS's service protocol posts (an object or its JSON text). */
export const WRAPPER_ANSWER_KEYS = ['data', 'surveyResult'] as const;
/** The keys of a root object that hold the array of results. */
const ROOT_ARRAY_KEYS = ['data', 'Data', 'results'] as const;

const invalid = (message: string, details: Record<string, unknown> = {}) => new AppError('INVALID_INPUT', `SurveyJS results: ${message}`, details);

/** The results of a file: a JSON array, a root object holding one (`data`, `Data`, `results`), one result object, or one JSON value per line. */
function rootRecords(text: string): { records: unknown[]; where: (k: number) => string } {
  const body = text.replace(/^\ufeff/, '');
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (error) {
    const lines = body
      .split(/\r?\n/)
      .map((line, k) => ({ line, number: k + 1 }))
      .filter((l) => l.line.trim() !== '');
    if (lines.length < 2) throw invalid(`the file is not JSON (${(error as Error).message})`);
    // newline-delimited JSON: one result per line
    const records = lines.map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (lineError) {
        throw invalid(`line ${number} is not JSON (${(lineError as Error).message})`, { line: number });
      }
    });
    return { records, where: (k) => `line ${lines[k]!.number}` };
  }
  if (Array.isArray(root)) return { records: root, where: (k) => `record ${k}` };
  if (isObject(root)) {
    for (const key of ROOT_ARRAY_KEYS) {
      const list = root[key];
      if (Array.isArray(list) && list.every(isObject)) return { records: list, where: (k) => `record ${k}` };
    }
    return { records: [root], where: () => 'record 0' };
  }
  throw invalid('the file holds neither an array of results nor a result object');
}

const ZResult = z.record(z.string(), z.unknown(), { error: 'a result is a JSON object of answers keyed by question name' });

/**
 * Reads a SurveyJS results file into records, each checked to be an object (zod); a record is a wrapper
 * when it holds `data` (an object) or `surveyResult` (an object or its JSON text) that no question of the
 * study is named (`isQuestion`), its other keys then being metadata.
 * Throws AppError INVALID_INPUT naming the record (index) or line.
 */
export function readSurveyJsRecords(text: string, isQuestion: (key: string) => boolean): SurveyJsRecord[] {
  const { records, where } = rootRecords(text);
  return records.map((raw, k) => {
    const parsed = ZResult.safeParse(raw);
    if (!parsed.success) throw invalid(`${where(k)}: ${parsed.error.issues[0]!.message}`, { record: where(k) });
    const record = parsed.data;
    for (const key of WRAPPER_ANSWER_KEYS) {
      if (!(key in record) || isQuestion(key)) continue;
      let data = record[key];
      if (key === 'surveyResult' && typeof data === 'string') {
        try {
          data = JSON.parse(data) as unknown;
        } catch (error) {
          throw invalid(`${where(k)}, key "surveyResult": not the JSON text of a result (${(error as Error).message})`, { record: where(k), key });
        }
      }
      if (!isObject(data)) {
        if (key === 'data' && !isObject(data)) continue;
        throw invalid(`${where(k)}, key "${key}": a result is a JSON object of answers keyed by question name`, { record: where(k), key });
      }
      const wrapper = { ...record };
      delete wrapper[key];
      return { where: where(k), data, wrapper };
    }
    return { where: where(k), data: record, wrapper: {} };
  });
}
