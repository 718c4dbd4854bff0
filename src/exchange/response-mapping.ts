import { z } from 'zod';
import { AppError } from '../app-error.js';
import { formatPath } from '../study/index.js';

/** The paradata a source column may fill (the columns of our CSV export of the same names). */
export const MAPPED_PARADATA = ['started_at', 'completed_at', 'duration_seconds', 'language', 'status', 'excluded', 'exclusion_reason'] as const;
export type MappedParadata = (typeof MAPPED_PARADATA)[number];

/** A date format: `YYYY`, `MM`, `DD`, optionally `HH`, `mm`, `ss`, any other character written as it is (`DD/MM/YYYY HH:mm`). */
const ZDateFormat = z
  .string()
  .min(1)
  .refine((f) => f.includes('YYYY') && f.includes('MM') && f.includes('DD'), 'a date format holds YYYY, MM and DD (and may hold HH, mm, ss), such as DD/MM/YYYY');

/** A recoded value: a study code (number), an export code or a label (text), or null for "no answer". */
const ZRecoded = z.union([z.number(), z.string(), z.null()], { error: 'a recoded value is a number, a text or null' });

/** How one source column is read: into a question (or one of its options, items, "other" text), or into paradata. */
const ZColumnObject = z
  .strictObject(
    {
      /** a question of the study, or directly a variable of our CSV export (`sat_quality`, `channels_3`) */
      question: z.string().min(1).optional(),
      /** multiple choice: the option this 0/1 column is (code or export code); ranking: the option whose rank it holds */
      option: z.union([z.number().int(), z.string().min(1)], { error: 'an option is its code (a number) or its export code (a text)' }).optional(),
      /** matrix: the item (its name or export code); multiple numeric: the item's name; grid of texts: `row_column` */
      item: z.string().min(1).optional(),
      /** single or multiple choice: this column holds the "other, please specify" text */
      other: z.literal(true).optional(),
      /** paradata instead of a question */
      paradata: z.enum(MAPPED_PARADATA, { error: `paradata is one of ${MAPPED_PARADATA.join(', ')}` }).optional(),
      /** source value → study value, checked before anything else: every non-empty source value must be listed ("" may be) */
      values: z.record(z.string(), ZRecoded).optional(),
      /** .sav: read each value as its value label (then `values`, or the options' labels, recode it) */
      labels: z.boolean().optional(),
      /** multiple choice: the source values meaning "ticked" (default ["1"]) and "not ticked" (default ["0"]); empty means not answered */
      selected: z.array(z.string()).min(1).optional(),
      notSelected: z.array(z.string()).optional(),
      /** dates: the format(s) of the source (default: ISO 8601, `YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`) */
      format: z.union([ZDateFormat, z.array(ZDateFormat).min(1)]).optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'a column maps to a question name or an object such as { "question": "gender", "values": { "1": 2 } }' : undefined) },
  )
  .superRefine((spec, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((spec.question === undefined) === (spec.paradata === undefined)) issue('question', 'a column maps to a question or to paradata (exactly one of them)');
    if (spec.paradata !== undefined)
      for (const key of ['option', 'item', 'other', 'selected', 'notSelected'] as const) if (spec[key] !== undefined) issue(key, `not used with paradata`);
    if ((spec.selected || spec.notSelected) && spec.option === undefined) issue('selected', 'selected and notSelected go with the option of a multiple choice');
    if (spec.other && (spec.option !== undefined || spec.item !== undefined)) issue('other', 'an "other" text column names neither an option nor an item');
  });

/** A column: the name of a question or variable (`"Q1": "gender"`), or an object. */
const ZColumn = z.preprocess((v) => (typeof v === 'string' ? { question: v } : v), ZColumnObject);

/**
 * The mapping file of a response file whose columns and codes are not ours (a past wave, as CSV or SPSS .sav):
 * ```json
 * {
 *   "format": "csv",                 // or "sav"; default: read from the file
 *   "separator": ";",                // CSV: , ; or tab (default: guessed from the header)
 *   "decimal": ",",                  // CSV: the decimal mark of numbers (default: , with the ; separator, else .)
 *   "encoding": "utf-8",             // CSV: utf-8 (default) or windows-1252
 *   "utcOffset": "+01:00",           // the zone of dates and times written without one (default +00:00)
 *   "columns": {
 *     "Q1": "gender",                                            // values are the study's codes, export codes or labels
 *     "Q5": { "question": "satisfaction", "values": { "1": 5, "2": 4, "99": null } },
 *     "Q2_3": { "question": "channels", "option": 3, "selected": ["1"], "notSelected": ["0", "2"] },
 *     "Q2_OTH": { "question": "channels", "other": true },
 *     "Q7A": { "question": "agree", "item": "quality" },
 *     "SEXE": { "question": "gender", "labels": true },        // .sav: by its value labels
 *     "FIN": { "paradata": "completed_at", "format": "DD/MM/YYYY HH:mm" },
 *     "LANG": { "paradata": "language", "values": { "F": "fr", "E": "en" } },
 *     "ETAT": { "paradata": "status", "values": { "1": "complete", "0": "partial" } }
 *   },
 *   "ignore": ["RESPID", "IP"],      // columns left out on purpose (listed)
 *   "complete": true                 // without a status column: every response complete (true), partial (false), or complete when it has a completion date ("completed_at")
 * }
 * ```
 * Every column of the file is in `columns` or `ignore`, and every column of `columns` is in the file.
 */
export const ZResponseMapping = z.strictObject({
  format: z.enum(['csv', 'sav'], { error: 'format is csv or sav' }).optional(),
  separator: z.enum([',', ';', '\t'], { error: 'separator is , ; or a tab' }).optional(),
  decimal: z.enum(['.', ','], { error: 'decimal is . or ,' }).optional(),
  encoding: z.enum(['utf-8', 'windows-1252'], { error: 'encoding is utf-8 or windows-1252' }).default('utf-8'),
  utcOffset: z
    .string()
    .regex(/^[+-]\d{2}:\d{2}$/, 'a UTC offset is written +01:00 or -05:00')
    .default('+00:00'),
  columns: z.record(z.string().min(1), ZColumn).refine((c) => Object.keys(c).length > 0, 'the mapping maps at least one column'),
  ignore: z.array(z.string().min(1)).default([]),
  complete: z.union([z.boolean(), z.literal('completed_at')], { error: 'complete is true, false or "completed_at"' }).default(true),
});
export type ResponseMapping = z.infer<typeof ZResponseMapping>;
export type MappedColumn = z.infer<typeof ZColumnObject>;

/** Reads a mapping file (JSON); throws AppError('INVALID_INPUT') naming each wrong field by its path and the reason. */
export function readResponseMapping(file: Buffer | string): ResponseMapping {
  let json: unknown;
  try {
    json = JSON.parse(typeof file === 'string' ? file : file.toString('utf8').replace(/^\ufeff/, ''));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `the mapping file is not JSON: ${(error as Error).message}`, { field: 'mapping' });
  }
  const parsed = ZResponseMapping.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    throw new AppError('INVALID_INPUT', `the mapping file is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { field: 'mapping', issues });
  }
  const both = parsed.data.ignore.filter((c) => Object.hasOwn(parsed.data.columns, c));
  if (both.length > 0) throw new AppError('INVALID_INPUT', `the mapping file is invalid: ignore: ${both.join(', ')} is also in columns`, { field: 'mapping' });
  return parsed.data;
}
