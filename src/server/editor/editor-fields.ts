/**
 * What the questionnaire editor knows of the study document: the fields of each question kind and of the
 * study's sections, as a small table the form is rendered from. A new question kind needs one entry in
 * QUESTION_KINDS (its fields and a new question of it) and its words in the messages
 * (`admin.editor.kind.KIND`, `admin.editor.field.KEY` for a new key); a field the table does not name is
 * still editable, as JSON. Browser code, no import of the server's modules (bundled for the page).
 */

/** One field of an object of the document. `key` names it; the message `admin.editor.field.KEY` labels it. */
export type FieldSpec =
  | { readonly key: string; readonly type: 'text'; readonly optional?: boolean; readonly placeholder?: string }
  | { readonly key: string; readonly type: 'integer' | 'number'; readonly optional?: boolean }
  /** `default`: what the study schema reads when the key is absent (the box shows it) */
  | { readonly key: string; readonly type: 'boolean'; readonly default?: boolean }
  | { readonly key: string; readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly key: string; readonly type: 'label'; readonly optional?: boolean; readonly multiline?: boolean }
  /** a list of objects (options, items, cuts…): add, move, duplicate, delete */
  | {
      readonly key: string;
      readonly type: 'list';
      readonly fields: readonly FieldSpec[];
      readonly item: (list: readonly Record<string, unknown>[], languages: readonly string[]) => Record<string, unknown>;
    }
  /** an optional object ("other", "don't know") */
  | {
      readonly key: string;
      readonly type: 'object';
      readonly fields: readonly FieldSpec[];
      readonly item: (question: Record<string, unknown>, languages: readonly string[]) => Record<string, unknown>;
    }
  /** codes chosen among those of the sibling list `of` (exclusive options) */
  | { readonly key: string; readonly type: 'codes'; readonly of: string }
  /** a variable of the questionnaire (`single`: single-choice questions only) */
  | { readonly key: string; readonly type: 'variable'; readonly only?: 'single' }
  /** integers typed as "1, 2" */
  | { readonly key: string; readonly type: 'code-list' }
  | { readonly key: string; readonly type: 'json' };

export interface KindSpec {
  readonly fields: readonly FieldSpec[];
  /** common fields this kind does not have (an information text has no answer: no `required`, no `identifying`) */
  readonly omit?: readonly string[];
  /** the kind's own fields of a new question (the common fields are kept when the kind changes) */
  readonly create: (languages: readonly string[]) => Record<string, unknown>;
}

/** An empty text in each language. */
export const emptyLabel = (languages: readonly string[]): Record<string, string> => Object.fromEntries(languages.map((lang) => [lang, '']));

const nextCode = (list: readonly Record<string, unknown>[]) => list.reduce((max, o) => Math.max(max, typeof o.code === 'number' ? o.code : 0), 0) + 1;
const option = (list: readonly Record<string, unknown>[], languages: readonly string[]) => ({ code: nextCode(list), label: emptyLabel(languages) });
const item = (list: readonly Record<string, unknown>[], languages: readonly string[]) => ({ name: `item${list.length + 1}`, label: emptyLabel(languages) });
const options = (count: number, languages: readonly string[]) => Array.from({ length: count }, (_, k) => ({ code: k + 1, label: emptyLabel(languages) }));

const OPTION_FIELDS: readonly FieldSpec[] = [
  { key: 'code', type: 'integer' },
  { key: 'label', type: 'label' },
  { key: 'exportCode', type: 'text', optional: true },
];
const ITEM_FIELDS: readonly FieldSpec[] = [
  { key: 'name', type: 'text' },
  { key: 'label', type: 'label' },
  { key: 'exportCode', type: 'text', optional: true },
];
/** Items of multiple numeric questions and rows and columns of grids: their key becomes part of a variable name. */
const KEYED_FIELDS: readonly FieldSpec[] = ITEM_FIELDS;
/** Options or items in a random order per respondent. */
const RANDOMIZE: FieldSpec = { key: 'randomize', type: 'boolean' };
/** Options (or items) carried forward from an earlier multiple choice. */
const FILTER: FieldSpec = { key: 'filter', type: 'json' };
const OTHER: FieldSpec = {
  key: 'other',
  type: 'object',
  fields: [
    { key: 'code', type: 'integer' },
    { key: 'label', type: 'label' },
    { key: 'maxLength', type: 'integer' },
  ],
  item: (q, languages) => ({ code: 99, label: emptyLabel(languages), maxLength: 200, ...(Array.isArray(q.options) ? { code: Math.max(99, nextCode(q.options)) } : {}) }),
};
const DONT_KNOW: FieldSpec = {
  key: 'dontKnow',
  type: 'object',
  fields: [
    { key: 'code', type: 'integer' },
    { key: 'label', type: 'label' },
  ],
  item: (_q, languages) => ({ code: 99, label: emptyLabel(languages) }),
};

/** The fields every question has, before those of its kind. */
export const COMMON_QUESTION_FIELDS: readonly FieldSpec[] = [
  { key: 'name', type: 'text' },
  { key: 'text', type: 'label', multiline: true },
  { key: 'help', type: 'label', optional: true },
  { key: 'required', type: 'boolean', default: true },
  { key: 'identifying', type: 'boolean' },
];
/** Keys the editor renders itself on every question (the condition has its builder). */
export const QUESTION_OWN_KEYS = ['kind', 'name', 'text', 'help', 'required', 'identifying', 'condition'];

/** The question kinds the editor knows, their fields in order, and a new question of each. */
export const QUESTION_KINDS: Readonly<Record<string, KindSpec>> = {
  single: {
    fields: [{ key: 'display', type: 'enum', values: ['radio', 'dropdown'] }, { key: 'options', type: 'list', fields: OPTION_FIELDS, item: option }, OTHER, RANDOMIZE, FILTER],
    create: (languages) => ({ display: 'radio', options: options(2, languages) }),
  },
  multiple: {
    fields: [
      { key: 'options', type: 'list', fields: OPTION_FIELDS, item: option },
      { key: 'exclusive', type: 'codes', of: 'options' },
      { key: 'maxSelections', type: 'integer', optional: true },
      OTHER,
      RANDOMIZE,
      FILTER,
    ],
    create: (languages) => ({ options: options(2, languages), exclusive: [] }),
  },
  scale: {
    fields: [{ key: 'points', type: 'list', fields: OPTION_FIELDS, item: option }, DONT_KNOW],
    create: (languages) => ({ points: options(5, languages) }),
  },
  matrix: {
    fields: [{ key: 'items', type: 'list', fields: ITEM_FIELDS, item }, { key: 'points', type: 'list', fields: OPTION_FIELDS, item: option }, DONT_KNOW, RANDOMIZE, FILTER],
    create: (languages) => ({ items: [item([], languages), item([{}], languages)], points: options(4, languages) }),
  },
  number: {
    fields: [
      { key: 'min', type: 'number', optional: true },
      { key: 'max', type: 'number', optional: true },
      { key: 'integer', type: 'boolean', default: true },
      { key: 'unit', type: 'label', optional: true },
    ],
    create: () => ({ integer: true }),
  },
  text: {
    fields: [
      { key: 'multiline', type: 'boolean' },
      { key: 'maxLength', type: 'integer' },
    ],
    create: () => ({ multiline: false, maxLength: 500 }),
  },
  consent: { fields: [], create: () => ({}) },
  ranking: {
    fields: [
      { key: 'options', type: 'list', fields: OPTION_FIELDS, item: option },
      { key: 'minRanked', type: 'integer', optional: true },
      { key: 'maxRanked', type: 'integer', optional: true },
      RANDOMIZE,
    ],
    create: (languages) => ({ options: options(3, languages) }),
  },
  info: { fields: [], omit: ['required', 'identifying'], create: () => ({}) },
  date: {
    fields: [
      { key: 'min', type: 'text', optional: true, placeholder: 'YYYY-MM-DD' },
      { key: 'max', type: 'text', optional: true, placeholder: 'YYYY-MM-DD' },
    ],
    create: () => ({}),
  },
  numbers: {
    fields: [
      { key: 'items', type: 'list', fields: KEYED_FIELDS, item },
      { key: 'min', type: 'number', optional: true },
      { key: 'max', type: 'number', optional: true },
      { key: 'integer', type: 'boolean', default: true },
      { key: 'total', type: 'number', optional: true },
      { key: 'unit', type: 'label', optional: true },
    ],
    create: (languages) => ({ items: [item([], languages), item([{}], languages)], integer: true }),
  },
  textgrid: {
    fields: [
      { key: 'rows', type: 'list', fields: KEYED_FIELDS, item },
      { key: 'columns', type: 'list', fields: KEYED_FIELDS, item },
      { key: 'maxLength', type: 'integer' },
    ],
    create: (languages) => ({ rows: [item([], languages), item([{}], languages)], columns: [item([], languages)], maxLength: 100 }),
  },
};

/** A new question of `kind`: the common fields it has, then its own. */
export function newQuestion(kind: string, common: Record<string, unknown>, languages: readonly string[]): Record<string, unknown> {
  const spec = QUESTION_KINDS[kind]!;
  const question: Record<string, unknown> = { ...common, kind, ...spec.create(languages) };
  for (const key of spec.omit ?? []) delete question[key];
  return question;
}

/** The study's own fields, in the "study" section. */
export const STUDY_FIELDS: readonly FieldSpec[] = [
  { key: 'title', type: 'label' },
  { key: 'description', type: 'label', multiline: true },
  { key: 'privacyNotice', type: 'label', multiline: true },
  { key: 'estimatedMinutes', type: 'integer' },
];

export const PAGE_FIELDS: readonly FieldSpec[] = [
  { key: 'id', type: 'text' },
  { key: 'title', type: 'label' },
  { key: 'intro', type: 'label', optional: true, multiline: true },
];

/** The sections of results and weighting, each a list or a value of the study. */
export const RESULT_FIELDS: readonly FieldSpec[] = [
  {
    key: 'cuts',
    type: 'list',
    fields: [
      { key: 'variable', type: 'variable', only: 'single' },
      { key: 'label', type: 'label', optional: true },
    ],
    item: () => ({ variable: '' }),
  },
  {
    key: 'themes',
    type: 'list',
    fields: [
      { key: 'id', type: 'text' },
      { key: 'label', type: 'label' },
      { key: 'description', type: 'label', optional: true },
    ],
    item: (list, languages) => ({ id: `theme${list.length + 1}`, label: emptyLabel(languages) }),
  },
  {
    key: 'indicators',
    type: 'list',
    fields: [
      { key: 'id', type: 'text' },
      { key: 'theme', type: 'text' },
      { key: 'label', type: 'label' },
      { key: 'variable', type: 'variable' },
      { key: 'yes', type: 'code-list' },
      { key: 'group', type: 'text', optional: true },
    ],
    item: (list, languages) => ({ id: `indicator${list.length + 1}`, theme: '', label: emptyLabel(languages), variable: '', yes: [1] }),
  },
];

/** Sections edited as JSON (advanced: rarely changed, or too rich for a form here). */
export const JSON_SECTIONS = ['benchmark', 'maturity', 'leadForm', 'producers', 'branding'] as const;

/** `pages[0].questions[2].options[1].code` → `['pages', 0, 'questions', 2, 'options', 1, 'code']`. */
export function parsePath(path: string): (string | number)[] {
  if (path === '(document)' || path === '') return [];
  const out: (string | number)[] = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) out.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  return out;
}

/** The id of the form element of a path: `f.pages.0.questions.2.options.1.code`. */
export function fieldId(path: readonly (string | number)[]): string {
  return ['f', ...path].join('.');
}

/** A path as the validator writes it: `pages[0].questions[2]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out === '' ? '(document)' : out;
}

/** Does a value look like a label (texts keyed by language tag)? */
export function isLabel(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(k) && typeof v === 'string');
}

/** Every label of a document with its path (for the translations count), in document order. */
export function labelsOf(value: unknown, path: (string | number)[] = [], out: { path: (string | number)[]; label: Record<string, string> }[] = []) {
  if (isLabel(value)) out.push({ path, label: value });
  else if (Array.isArray(value)) value.forEach((v, k) => labelsOf(v, [...path, k], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'unit' || path.length > 0) labelsOf(v, [...path, k], out);
  return out;
}

/** How many texts each language lacks (empty or absent), over every label of the document. */
export function missingTexts(document: unknown, languages: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(languages.map((lang) => [lang, 0]));
  for (const { label } of labelsOf(document)) for (const lang of languages) if (!label[lang]?.trim()) counts[lang]++;
  return counts;
}

/** Keeps only `languages` in every label of a document (after a language is removed from the study). */
export function keepLanguages(value: unknown, languages: readonly string[]): void {
  if (isLabel(value)) {
    for (const key of Object.keys(value)) if (!languages.includes(key)) delete (value as Record<string, string>)[key];
  } else if (Array.isArray(value)) for (const v of value) keepLanguages(v, languages);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) keepLanguages(v, languages);
}
