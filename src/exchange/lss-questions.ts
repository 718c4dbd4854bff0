import { isIsoDate } from '../study/index.js';
import { integerCodes, type NameRegistry } from './questionnaire-import.js';
import type { LssLabels } from './lss-labels.js';
import type { LssTables, Source } from './lss-tables.js';

// Map questions: one LimeSurvey question (a Source with its subquestions, answers and attributes) becomes
// one question of the study document, and an entry that later relevance equations are read against:
//
//   type L ! O G Y  ─▶ single (radio / dropdown)         codes: integers kept, others 1..n; the source code is the exportCode
//   type M P        ─▶ multiple (subquestions are the options, exportCode SQ001), exclude_all_others ─▶ exclusive,
//                      min_answers ─▶ required, max_answers ─▶ maxSelections
//   type F A B C E H 1 ─▶ matrix (subquestions are the items with their exportCode, answers the points)
//   type 5          ─▶ scale 1–5;  N ─▶ number;  S T U ─▶ text
//   type R          ─▶ ranking (answers are the options), min_answers / max_answers ─▶ minRanked / maxRanked
//   type X ─▶ info;  D ─▶ date (date_min / date_max when plain YYYY-MM-DD days)
//   type K          ─▶ numbers (subquestions are the items), equals_num_value ─▶ total
//   type ;          ─▶ textgrid (subquestions of scale 0 the rows, of scale 1 the columns)
//   array_filter / array_filter_exclude ─▶ filter { keep: chosen / notChosen } when the source is a multiple choice
//   on an earlier page with the same codes;  random_order / answer_order=random ─▶ randomize
//   anything else, and every attribute that changes what a respondent sees or may answer ─▶ an ImportLoss

/** LimeSurvey question types, by their one-character code. */
const TYPE_NAMES: Record<string, string> = {
  '1': 'array dual scale',
  '5': '5 point choice',
  A: 'array (5 point)',
  B: 'array (10 point)',
  C: 'array (yes/no/uncertain)',
  D: 'date',
  E: 'array (increase/same/decrease)',
  F: 'array',
  G: 'gender',
  H: 'array by column',
  I: 'language switch',
  K: 'multiple numerical',
  L: 'list (radio)',
  M: 'multiple choice',
  N: 'numerical input',
  O: 'list with comment',
  P: 'multiple choice with comments',
  Q: 'multiple short text',
  R: 'ranking',
  S: 'short free text',
  T: 'long free text',
  U: 'huge free text',
  X: 'text display',
  Y: 'yes/no',
  '!': 'list (dropdown)',
  ':': 'array (numbers)',
  ';': 'array (texts)',
  '|': 'file upload',
  '*': 'equation',
};

/** Types the study model has no kind for: multiple short text, array (numbers). */
const PENDING_KINDS = new Set(['Q', ':']);

/** A mapped question, as relevance equations refer to it. */
export interface Mapped {
  qid: string;
  name: string;
  kind: string;
  /** LimeSurvey answer code -> our code (single, scale, matrix points) */
  codes: Map<string, number>;
  /** subquestion title -> our option code (multiple) or item name (matrix) */
  sub: Map<string, number | string>;
}

export interface MappedQuestion {
  readonly entry: Mapped;
  /** the question of the study document; null when it is left out (a loss says why) */
  readonly question: Record<string, unknown> | null;
}

/** Reports a construct left out at a question: what it is, what a respondent sees differently, whether it changes who sees what. */
export type LossAt = (construct: string, effect: string, changesWhoSees: boolean) => void;

/** The entry of an array filter's source: a multiple choice on an earlier page, else undefined. */
export type FilterSource = (title: string) => Mapped | undefined;

const EXPORT_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** Maps one top-level question; `names` gives unique names across the study, `loss` collects what is left out. */
export function mapLssQuestion(
  s: Source,
  tables: LssTables,
  names: NameRegistry,
  labels: LssLabels,
  loss: LossAt,
  warn: (m: string) => void,
  filterSource: FilterSource = () => undefined,
): MappedQuestion {
  const { answers, subs, questionTexts } = tables;
  const attributes = tables.attributes.get(s.qid) ?? {};
  const texts = tables.attributeTexts.get(s.qid);
  const typeName = TYPE_NAMES[s.type] ?? `type ${s.type}`;
  const entry: Mapped = { qid: s.qid, name: '', kind: '', codes: new Map(), sub: new Map() };
  if (attributes.hidden === '1') {
    // Decision: a hidden question is left out. Nobody sees it in LimeSurvey either, so who sees what is
    // unchanged; what is lost is the value LimeSurvey would store (prefilled from the link or set by an equation).
    loss('hidden question', 'left out: nobody sees it, as in LimeSurvey, but the value LimeSurvey would store (prefilled or computed) is not recorded', false);
    return { entry, question: null };
  }
  if (!['L', '!', 'O', 'G', 'Y', 'M', 'P', 'F', 'A', 'B', 'C', 'E', 'H', '1', '5', 'N', 'S', 'T', 'U', 'R', 'X', 'D', 'K', ';'].includes(s.type)) {
    const effect =
      s.type === '*'
        ? 'the equation is left out: respondents never saw it, but its computed value is not recorded'
        : `the ${typeName} question is left out: respondents do not see it${PENDING_KINDS.has(s.type) ? ' (this kind is not in the model yet)' : ''}`;
    loss('question type', effect, false);
    return { entry, question: null };
  }
  const name = names.name(s.title, 'q');
  entry.name = name;
  const help = labels.optional(s.helps);
  if (s.type === 'X') {
    entry.kind = 'info';
    return { entry, question: { name, kind: 'info', text: labels.label(s.texts, s.title), ...(help ? { help } : {}) } };
  }
  const base: Record<string, unknown> = { name, text: labels.label(s.texts, s.title), ...(help ? { help } : {}), required: s.mandatory === 'Y' };
  if (s.mandatory === 'S') loss('soft mandatory', 'optional: a respondent who skips it is not asked to confirm', false);
  const codeList = (raw: { code: string; label: Record<string, string> | ReturnType<LssLabels['builtIn']> }[]) => {
    const { codes } = integerCodes(raw.map((o) => o.code));
    return raw.map((o, k) => ({ code: codes[k], label: labels.label(o.label, o.code), ...(EXPORT_CODE.test(o.code) ? { exportCode: o.code } : {}) }));
  };
  const otherLabel = () => {
    const replaced = texts?.get('other_replace_text');
    return replaced && Object.values(replaced).some(Boolean) ? labels.label(replaced, 'Other') : labels.builtIn('other');
  };
  const options = (answers.get(s.qid) ?? []).sort((a, b) => a.order - b.order);
  const subList = (subs.get(s.qid) ?? []).filter((x) => x.scale === '0').sort((a, b) => a.order - b.order);
  const minAnswers = Number(attributes.min_answers);
  const maxAnswers = Number(attributes.max_answers);
  const leftOutAttributes = new Set(['min_answers', 'max_answers']);
  const columnList = (subs.get(s.qid) ?? []).filter((x) => x.scale === '1').sort((a, b) => a.order - b.order);
  const empty =
    s.type === 'R' && options.length < 2
      ? `the ranking has ${options.length} answer option${options.length === 1 ? '' : 's'}`
      : s.type === 'K' && subList.length === 0
        ? 'the multiple numerical question has no subquestion'
        : s.type === ';' && (subList.length === 0 || columnList.length === 0)
          ? 'the array (texts) has no row or no column'
          : undefined;
  if (empty) {
    loss('empty question', `${empty}: it is left out`, false);
    return { entry, question: null };
  }
  let question: Record<string, unknown>;
  switch (s.type) {
    case 'L':
    case '!':
    case 'O':
    case 'G':
    case 'Y': {
      const raw =
        s.type === 'Y'
          ? [
              { code: 'Y', label: labels.builtIn('yes') },
              { code: 'N', label: labels.builtIn('no') },
            ]
          : s.type === 'G'
            ? [
                { code: 'F', label: labels.builtIn('female') },
                { code: 'M', label: labels.builtIn('male') },
              ]
            : options;
      const list = codeList(raw);
      raw.forEach((o, k) => entry.codes.set(o.code, list[k].code));
      question = { ...base, kind: 'single', display: s.type === '!' ? 'dropdown' : 'radio', options: list };
      if (s.type === 'O') loss('comment box', 'the comment box beside the list is not shown', false);
      if (s.other === 'Y') question.other = { code: Math.max(0, ...list.map((o) => o.code)) + 1, label: otherLabel() };
      entry.kind = 'single';
      break;
    }
    case 'M':
    case 'P': {
      const list = codeList(subList.map((x) => ({ code: x.title, label: questionTexts.get(x.qid) ?? {} })));
      subList.forEach((x, k) => entry.sub.set(x.title, list[k].code));
      question = { ...base, kind: 'multiple', options: list };
      if (s.other === 'Y') question.other = { code: Math.max(0, ...list.map((o) => o.code)) + 1, label: otherLabel() };
      const total = list.length + (s.other === 'Y' ? 1 : 0);
      if (Number.isInteger(maxAnswers) && maxAnswers > 0) question.maxSelections = Math.min(maxAnswers, total);
      if (Number.isInteger(minAnswers) && minAnswers >= 1) {
        question.required = true;
        if (minAnswers > 1) loss('minimum answers', `at least one option is required, not ${minAnswers}`, false);
      }
      leftOutAttributes.clear();
      if (present(attributes.exclude_all_others)) {
        const exclusive: number[] = [];
        for (const code of attributes.exclude_all_others.split(/[;,\s]+/).filter(Boolean)) {
          const mapped = entry.sub.get(code);
          if (typeof mapped === 'number') exclusive.push(mapped);
          else loss('exclusive option', `"${code}" is not an option: no option excludes the others`, false);
        }
        if (exclusive.length > 0) question.exclusive = exclusive;
      }
      if (s.type === 'P') loss('comment box', 'the comment boxes beside the options are not shown', false);
      entry.kind = 'multiple';
      break;
    }
    case 'F':
    case 'H':
    case '1':
    case 'A':
    case 'B':
    case 'C':
    case 'E': {
      const numbers = (n: number) => Array.from({ length: n }, (_, k) => ({ code: String(k + 1), label: { en: String(k + 1) } }));
      const raw =
        s.type === 'F' || s.type === 'H' || s.type === '1'
          ? options
          : s.type === 'A'
            ? numbers(5)
            : s.type === 'B'
              ? numbers(10)
              : s.type === 'C'
                ? [
                    { code: 'Y', label: labels.builtIn('yes') },
                    { code: 'U', label: labels.builtIn('uncertain') },
                    { code: 'N', label: labels.builtIn('no') },
                  ]
                : [
                    { code: 'I', label: labels.builtIn('increase') },
                    { code: 'S', label: labels.builtIn('same') },
                    { code: 'D', label: labels.builtIn('decrease') },
                  ];
      const points = codeList(raw);
      raw.forEach((o, k) => entry.codes.set(o.code, points[k].code));
      const items = subList.map((x) => {
        const item = names.name(`${s.title}_${x.title}`, 'q');
        entry.sub.set(x.title, item);
        return { name: item, label: labels.label(questionTexts.get(x.qid) ?? {}, x.title), ...(EXPORT_CODE.test(x.title) ? { exportCode: x.title } : {}) };
      });
      question = { ...base, kind: 'matrix', items, points };
      if (s.type === 'H') warn(`${s.title}: an array by column; its items are shown as rows`);
      if (s.type === '1') loss('second scale', 'the second scale of the dual-scale array is not asked', false);
      entry.kind = 'matrix';
      break;
    }
    case '5': {
      const points = [1, 2, 3, 4, 5].map((k) => ({ code: k, label: { ...Object.fromEntries(labels.languages.map((l) => [l, String(k)])) }, exportCode: String(k) }));
      for (const p of points) entry.codes.set(String(p.code), p.code);
      question = { ...base, kind: 'scale', points };
      entry.kind = 'scale';
      break;
    }
    case 'N': {
      const min = number(attributes.min_num_value_n);
      const max = number(attributes.max_num_value_n);
      question = { ...base, kind: 'number', integer: attributes.num_value_int_only === '1', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
      entry.kind = 'number';
      break;
    }
    case 'R': {
      const list = codeList(options);
      options.forEach((o, k) => entry.codes.set(o.code, list[k].code));
      question = { ...base, kind: 'ranking', options: list };
      const maxRanked = Number.isInteger(maxAnswers) && maxAnswers > 0 ? Math.min(maxAnswers, list.length) : undefined;
      if (maxRanked !== undefined) question.maxRanked = maxRanked;
      if (Number.isInteger(minAnswers) && minAnswers > 0) question.minRanked = Math.min(minAnswers, maxRanked ?? list.length);
      leftOutAttributes.clear();
      entry.kind = 'ranking';
      break;
    }
    case 'D': {
      question = { ...base, kind: 'date' };
      for (const [attribute, key] of [
        ['date_min', 'min'],
        ['date_max', 'max'],
      ] as const) {
        const value = attributes[attribute]?.trim();
        if (!present(value)) continue;
        if (isIsoDate(value)) question[key] = value;
        else loss(attribute === 'date_min' ? 'minimum date' : 'maximum date', `the ${attribute.replace('_', ' ')} "${value}" is not checked (not a plain YYYY-MM-DD day)`, false);
      }
      entry.kind = 'date';
      break;
    }
    case 'K': {
      const items = subList.map((x, k) => ({
        name: itemKey(x.title, k, subList),
        label: labels.label(questionTexts.get(x.qid) ?? {}, x.title),
        ...(EXPORT_CODE.test(x.title) ? { exportCode: x.title } : {}),
      }));
      const min = number(attributes.min_num_value_n);
      const max = number(attributes.max_num_value_n);
      const total = number(attributes.equals_num_value);
      question = {
        ...base,
        kind: 'numbers',
        items,
        integer: attributes.num_value_int_only === '1',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(total !== undefined ? { total } : {}),
      };
      if (present(attributes.equals_num_value) && total === undefined) loss('total', `the items are not checked to add up to "${attributes.equals_num_value}"`, false);
      entry.kind = 'numbers';
      break;
    }
    case ';': {
      const keyed = (list: typeof subList) =>
        list.map((x, k) => ({
          name: itemKey(x.title, k, list),
          label: labels.label(questionTexts.get(x.qid) ?? {}, x.title),
          ...(EXPORT_CODE.test(x.title) ? { exportCode: x.title } : {}),
        }));
      const max = Number(attributes.maximum_chars);
      question = { ...base, kind: 'textgrid', rows: keyed(subList), columns: keyed(columnList), maxLength: Number.isInteger(max) && max > 0 ? Math.min(max, 1000) : 100 };
      entry.kind = 'textgrid';
      break;
    }
    default: {
      const max = Number(attributes.maximum_chars);
      question = { ...base, kind: 'text', multiline: s.type !== 'S', maxLength: Number.isInteger(max) && max > 0 ? Math.min(max, 10000) : s.type === 'S' ? 200 : 2000 };
      entry.kind = 'text';
    }
  }
  for (const attribute of leftOutAttributes) {
    if (!present(attributes[attribute]) || attributes[attribute] === '0') continue;
    loss(
      attribute === 'min_answers' ? 'minimum answers' : 'maximum answers',
      `the ${attribute.replace('_', ' ')} (${attributes[attribute]}) of the ${typeName} is not checked`,
      false,
    );
  }
  for (const [attribute, keep] of [
    ['array_filter', 'chosen'],
    ['array_filter_exclude', 'notChosen'],
  ] as const) {
    const title = attributes[attribute]?.trim();
    if (!present(title)) continue;
    if (!question.filter && !(keep === 'chosen' && question.other)) {
      const source = filterSource(title);
      if (source && filterMatches(entry, source)) {
        question.filter = { question: source.name, keep };
        continue;
      }
    }
    const what = s.type === 'M' || s.type === 'P' ? 'option' : 'item';
    loss(
      keep === 'chosen' ? 'array filter' : 'array filter (exclude)',
      keep === 'chosen' ? `every ${what} is shown, not only those selected at ${title}` : `every ${what} is shown, including those selected at ${title}`,
      true,
    );
  }
  if (present(attributes.em_validation_q)) loss('validation equation', `answers are not checked against "${attributes.em_validation_q}"`, false);
  if (present(attributes.em_validation_sq)) loss('validation equation', `each line's answer is not checked against "${attributes.em_validation_sq}"`, false);
  if (s.preg) loss('answer pattern', `answers are not checked against the pattern ${s.preg}`, false);
  if (attributes.random_order === '1' || attributes.answer_order === 'random') {
    if (['single', 'multiple', 'matrix', 'ranking'].includes(entry.kind)) question.randomize = true;
    else loss('random order', 'the options or items are shown in the order of the file, the same for every respondent', false);
  }
  return { entry, question };
}

const number = (v: string | undefined) => (present(v) && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The key of a subquestion as an item, row or column (`<question>_<key>`): its title in lower case, else `sq<n>`. */
function itemKey(title: string, k: number, list: readonly { title: string }[]): string {
  const key = title.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const unique = list.filter((x) => x.title.toLowerCase().replace(/[^a-z0-9_]/g, '_') === key).length === 1;
  return /^[a-z0-9][a-z0-9_]{0,29}$/.test(key) && unique ? key : `sq${k + 1}`;
}

/**
 * Whether a carry-forward filter on `source` (a multiple choice) narrows the target as LimeSurvey's array filter
 * does, by subquestion code: a single or multiple choice's codes that the source has are the source's storage
 * codes for them; a matrix's items are matched by export code (carry-forward.ts), so each must name a source option.
 */
function filterMatches(target: Mapped, source: Mapped): boolean {
  if (source.kind !== 'multiple') return false;
  if (target.kind === 'matrix') return [...target.sub.keys()].every((title) => EXPORT_CODE.test(title) && source.sub.has(title));
  if (target.kind === 'multiple') return target.sub.size > 0 && [...target.sub].every(([title, code]) => source.sub.get(title) === code);
  if (target.kind === 'single') return target.codes.size > 0 && [...target.codes].every(([title, code]) => source.sub.get(title) === code);
  return false;
}
