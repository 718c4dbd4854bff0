import { t, type MessageKey } from '../messages/index.js';
import { interfaceLanguage } from '../messages/lang.js';
import {
  columnLayout,
  identifyingVariables,
  isRandomized,
  labelIn,
  numbersItemKey,
  orderKey,
  orderedKeys,
  otherKey,
  packedSize,
  rankKey,
  textGridCells,
  type Label,
  type Question,
  type Study,
} from '../study/index.js';

/** How a variable's value is read from one response. */
export type ValueSource =
  | { readonly kind: 'id' }
  | { readonly kind: 'status' }
  | { readonly kind: 'excluded' }
  /** the results' weight scaled to the sample: mean 1 over the weighted responses (the .sav file's weight) */
  | { readonly kind: 'weight' }
  /** the results' weight as calibrated: it adds up to the population */
  | { readonly kind: 'weight-population' }
  /** byte offset of a Float64 in the packed vector */
  | { readonly kind: 'packed-number'; readonly offset: number }
  /** byte offset of an Int16 code in the packed vector (-1: missing) */
  | { readonly kind: 'packed-category'; readonly offset: number }
  /** byte offset of a ranking option's Int16 rank in the packed vector (0 not ranked, -1 unanswered: both empty) */
  | { readonly kind: 'packed-rank'; readonly offset: number }
  /** a string kept in the answers JSON */
  | { readonly kind: 'text'; readonly key: string }
  /** a day kept in the answers JSON as `YYYY-MM-DD`: the row holds the text and the days since 1970-01-01 */
  | { readonly kind: 'date'; readonly key: string }
  /** how the response came in (paradata, read beside the answers) */
  | { readonly kind: 'paradata'; readonly field: ParadataField };

/** The paradata every export carries: when, how long, in which language, through which channel, and why excluded. */
export type ParadataField = 'startedAt' | 'completedAt' | 'durationSeconds' | 'language' | 'channel' | 'exclusionReason';

/** Codes of the `channel` variable. */
export const CHANNEL_CODES = { invitation: 1, 'open-link': 2, import: 3, demo: 4 } as const;

export interface ExportLevel {
  readonly code: number;
  readonly label: Label;
  /** the code as the source questionnaire wrote it (`A1`, `Y`, `male`), when the study keeps one */
  readonly exportCode?: string;
}

/** The levels of a question's column with the export codes its options (or points) carry. */
function withExportCodes(levels: readonly ExportLevel[], q: Question): readonly ExportLevel[] {
  const options =
    q.kind === 'single' || q.kind === 'multiple'
      ? [...q.options, ...(q.other ? [q.other] : [])]
      : q.kind === 'scale' || q.kind === 'matrix'
        ? [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])]
        : [];
  const codes = new Map(options.flatMap((o) => (o.exportCode ? [[o.code, o.exportCode] as const] : [])));
  return codes.size === 0 ? levels : levels.map((l) => (codes.has(l.code) ? { ...l, exportCode: codes.get(l.code)! } : l));
}

/** One column of an export: its name, labels, codes and where its value comes from. */
export interface ExportVariable {
  readonly name: string;
  /** `date`: a day, ISO `YYYY-MM-DD` in CSV and JSON, a DATE11 variable in .sav, YYYYMMDD in Triple-S */
  readonly type: 'category' | 'number' | 'text' | 'date';
  readonly label: Label;
  /** the question it comes from (null for response metadata and the weight) */
  readonly question: string | null;
  /** the question's wording (fr, en), null for metadata */
  readonly wording: Label | null;
  readonly levels: readonly ExportLevel[];
  /** codes recorded but declared missing ("don't know") */
  readonly missing: readonly number[];
  readonly measure: 'nominal' | 'ordinal' | 'scale';
  /** texts: the longest value allowed, in characters (UTF-16 code units) */
  readonly maxLength: number;
  /** numbers: decimals to print (0 for integers and codes) */
  readonly decimals: number;
  /** a multiple choice's dichotomy: the question it belongs to (its set) */
  readonly set: string | null;
  /** the question is flagged `identifying` in the study (a name, an address): left out unless asked for */
  readonly identifying: boolean;
  readonly source: ValueSource;
}

export interface ExportVariablesOptions {
  /** add `status` and `excluded` (an export of every response) */
  readonly withStatus?: boolean;
  /** add the `weight` (mean 1) and `weight_population` (adding up to the population) variables */
  readonly withWeight?: boolean;
  /** keep the variables of questions flagged `identifying` (left out by default) */
  readonly includeIdentifying?: boolean;
}

export interface ExportDictionary {
  readonly kind: 'export-dictionary';
  readonly variables: readonly ExportVariable[];
  /** variables of identifying questions left out of the data (empty with `includeIdentifying`); the codebook lists them */
  readonly omitted: readonly ExportVariable[];
  /** byte size of the study's packed vector */
  readonly packedSize: number;
  /** whether a variable reads the answers JSON (texts and dates) */
  readonly needsAnswers: boolean;
}

/** Two levels, 0 and 1, worded from the interface messages in each of the study's languages. */
function twoLevels(languages: readonly string[], zero: MessageKey, one: MessageKey): readonly ExportLevel[] {
  return [
    { code: 0, label: words(languages, zero) },
    { code: 1, label: words(languages, one) },
  ];
}

/** ` (suffix)` in each of the study's languages: what a derived column adds to its question's label. */
function suffix(languages: readonly string[], key: MessageKey): Label {
  return Object.fromEntries(languages.map((lang) => [lang, ` (${t(interfaceLanguage(lang), key)})`]));
}

/** `head — tail` (and a suffix) in each of the study's languages. */
function joinLabels(languages: readonly string[], head: Label, tail: Label, suffix?: Label): Label {
  return Object.fromEntries(languages.map((lang) => [lang, `${labelIn(head, lang)} — ${labelIn(tail, lang)}${suffix?.[lang] ?? ''}`]));
}

/** A label in each of the study's languages from the interface messages (English words for languages without a catalogue). */
function words(languages: readonly string[], key: MessageKey): Label {
  return Object.fromEntries(languages.map((lang) => [lang, t(interfaceLanguage(lang), key)]));
}

function base(name: string, label: Label, q: Question | null) {
  return {
    name,
    label,
    question: q?.name ?? null,
    wording: q?.text ?? null,
    levels: [],
    missing: [],
    maxLength: 0,
    decimals: 0,
    set: null,
    identifying: q !== null && q.kind !== 'info' && q.identifying,
  };
}

/**
 * The variables of a wave's export, in questionnaire order: `response_id`, (`status`, `excluded`,
 * `exclusion_reason`), the paradata (`started_at`, `completed_at`: ISO 8601 UTC; `duration_seconds`, `language`,
 * `channel`), then per
 * question its category codes (a multiple choice as one 0/1 dichotomy per option, in a set), numbers and
 * texts ("other, please specify" after its question), then `weight` (mean 1: what a reader's software weights
 * with, so that N and tests stay those of the sample) and `weight_population` (adding up to the population). Variables of questions the study flags
 * `identifying` are left out (listed in `omitted`) unless `includeIdentifying`.
 */
export function exportVariables(study: Study, options: ExportVariablesOptions = {}): ExportDictionary {
  const layout = columnLayout(study);
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const c of layout.numbers) offsets.set(c.name, (offset += 8) - 8);
  for (const c of layout.categories) offsets.set(c.name, (offset += 2) - 2);
  const category = (name: string) => ({ kind: 'packed-category', offset: offsets.get(name)! }) as const;

  const L = (key: MessageKey) => words(study.languages, key);
  const YES_NO = twoLevels(study.languages, 'export.level.no', 'export.level.yes');
  const SELECTED = twoLevels(study.languages, 'export.level.notSelected', 'export.level.selected');
  const ORDER_TEXT = suffix(study.languages, 'export.suffix.orderShown');
  const OTHER_TEXT = suffix(study.languages, 'export.suffix.otherText');
  const variables: ExportVariable[] = [{ ...base('response_id', L('export.variable.responseId'), null), type: 'number', measure: 'scale', source: { kind: 'id' } }];
  if (options.withStatus) {
    variables.push({
      ...base('status', L('export.variable.status'), null),
      type: 'category',
      measure: 'nominal',
      source: { kind: 'status' },
      levels: [
        { code: 1, label: L('export.level.complete') },
        { code: 2, label: L('export.level.partial') },
      ],
    });
    variables.push({
      ...base('excluded', L('export.variable.excluded'), null),
      type: 'category',
      measure: 'nominal',
      source: { kind: 'excluded' },
      levels: YES_NO,
    });
  }
  const paradata = (name: string, key: MessageKey, field: ParadataField, type: 'text' | 'number', maxLength = 0) =>
    variables.push({ ...base(name, L(key), null), type, measure: type === 'number' ? 'scale' : 'nominal', maxLength, source: { kind: 'paradata', field } });
  if (options.withStatus) paradata('exclusion_reason', 'export.variable.exclusionReason', 'exclusionReason', 'text', 500);
  paradata('started_at', 'export.variable.startedAt', 'startedAt', 'text', 24);
  paradata('completed_at', 'export.variable.completedAt', 'completedAt', 'text', 24);
  paradata('duration_seconds', 'export.variable.durationSeconds', 'durationSeconds', 'number');
  paradata('language', 'export.variable.language', 'language', 'text', 35);
  variables.push({
    ...base('channel', L('export.variable.channel'), null),
    type: 'category',
    measure: 'nominal',
    source: { kind: 'paradata', field: 'channel' },
    levels: (Object.keys(CHANNEL_CODES) as (keyof typeof CHANNEL_CODES)[]).map((c) => ({
      code: CHANNEL_CODES[c],
      label: L(`export.channel.${c}` as MessageKey),
    })),
  });
  for (const page of study.pages) {
    for (const q of page.questions) {
      switch (q.kind) {
        case 'single':
        case 'scale':
        case 'consent': {
          const column = layout.byName.get(q.name);
          if (!column || column.kind !== 'category') break;
          variables.push({
            ...base(q.name, q.text, q),
            type: 'category',
            measure: q.kind === 'scale' ? 'ordinal' : 'nominal',
            levels: q.kind === 'consent' ? YES_NO : withExportCodes(column.levels, q),
            missing: column.outOfBase,
            source: category(q.name),
          });
          break;
        }
        case 'multiple':
          for (const o of [...q.options, ...(q.other ? [q.other] : [])]) {
            const name = `${q.name}_${o.code}`;
            const column = layout.byName.get(name)!;
            variables.push({ ...base(name, column.label, q), type: 'category', measure: 'nominal', levels: SELECTED, set: q.name, source: category(name) });
          }
          break;
        case 'matrix':
          for (const item of q.items) {
            const column = layout.byName.get(item.name);
            if (!column || column.kind !== 'category') continue;
            variables.push({
              ...base(item.name, joinLabels(study.languages, q.text, item.label), q),
              type: 'category',
              measure: 'ordinal',
              levels: withExportCodes(column.levels, q),
              missing: column.outOfBase,
              source: category(item.name),
            });
          }
          break;
        case 'number':
          variables.push({
            ...base(q.name, q.text, q),
            type: 'number',
            measure: 'scale',
            decimals: q.integer ? 0 : 2,
            source: { kind: 'packed-number', offset: offsets.get(q.name)! },
          });
          break;
        case 'text':
          variables.push({ ...base(q.name, q.text, q), type: 'text', measure: 'nominal', maxLength: q.maxLength, source: { kind: 'text', key: q.name } });
          break;
        case 'date':
          variables.push({ ...base(q.name, q.text, q), type: 'date', measure: 'scale', maxLength: 10, source: { kind: 'date', key: q.name } });
          break;
        case 'numbers':
          for (const item of q.items) {
            const name = numbersItemKey(q, item);
            variables.push({
              ...base(name, joinLabels(study.languages, q.text, item.label), q),
              type: 'number',
              measure: 'scale',
              decimals: q.integer ? 0 : 2,
              source: { kind: 'packed-number', offset: offsets.get(name)! },
            });
          }
          break;
        case 'textgrid':
          for (const cell of textGridCells(q)) {
            variables.push({
              ...base(
                cell.key,
                joinLabels(study.languages, q.text, cell.row.label, Object.fromEntries(study.languages.map((lang) => [lang, ` — ${labelIn(cell.column.label, lang)}`]))),
                q,
              ),
              type: 'text',
              measure: 'nominal',
              maxLength: q.maxLength,
              source: { kind: 'text', key: cell.key },
            });
          }
          break;
        case 'ranking':
          // one rank per option (1 first), empty when the option was not ranked
          for (const o of q.options) {
            const name = rankKey(q.name, o.code);
            variables.push({
              ...base(name, joinLabels(study.languages, q.text, o.label), q),
              type: 'number',
              measure: 'ordinal',
              source: { kind: 'packed-rank', offset: offsets.get(name)! },
            });
          }
          break;
        case 'info':
          // a text between questions: no variable
          break;
      }
      if ((q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking' || q.kind === 'matrix') && isRandomized(q)) {
        // the order the options (codes) or items (names) were shown in, comma-separated
        const key = orderKey(q.name);
        variables.push({
          ...base(key, Object.fromEntries(study.languages.map((lang) => [lang, `${labelIn(q.text, lang)}${ORDER_TEXT[lang]}`])), q),
          type: 'text',
          measure: 'nominal',
          maxLength: orderedKeys(q).join(',').length,
          source: { kind: 'text', key },
        });
      }
      if ((q.kind === 'single' || q.kind === 'multiple') && q.other) {
        const key = otherKey(q.name);
        variables.push({
          ...base(key, joinLabels(study.languages, q.text, q.other.label, OTHER_TEXT), q),
          type: 'text',
          measure: 'nominal',
          maxLength: q.other.maxLength,
          source: { kind: 'text', key },
        });
      }
    }
  }
  if (options.withWeight) {
    variables.push({
      ...base('weight', L('export.variable.weight'), null),
      type: 'number',
      measure: 'scale',
      decimals: 6,
      source: { kind: 'weight' },
    });
    variables.push({
      ...base('weight_population', L('export.variable.weightPopulation'), null),
      type: 'number',
      measure: 'scale',
      decimals: 6,
      source: { kind: 'weight-population' },
    });
  }
  const identifying = new Set(identifyingVariables(study));
  const omitted = options.includeIdentifying ? [] : variables.filter((v) => v.question !== null && identifying.has(v.question));
  const kept = omitted.length === 0 ? variables : variables.filter((v) => !omitted.includes(v));
  return Object.freeze({
    kind: 'export-dictionary',
    variables: Object.freeze(kept),
    omitted: Object.freeze(omitted),
    packedSize: packedSize(layout),
    needsAnswers: kept.some((v) => v.type === 'text' || v.type === 'date'),
  });
}
