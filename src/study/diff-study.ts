import type { Label } from './label.js';
import type { Option, Question } from './question.js';
import type { Study } from './study.js';

/** The parameters of each kind of change; `languages` are the languages whose text differs. */
interface ChangeParams {
  'study.reworded': { field: string; languages: readonly string[] };
  'study.changed': { field: string; before: string; after: string };
  'language.added': { language: string };
  'language.removed': { language: string };
  'page.added': { page: string; position: number };
  'page.removed': { page: string };
  'page.moved': { page: string; from: number; to: number };
  'page.reworded': { page: string; field: string; languages: readonly string[] };
  'page.changed': { page: string; field: string; before: string; after: string };
  'question.added': { question: string; page: string };
  'question.removed': { question: string; page: string };
  'question.moved': { question: string; fromPage: string; from: number; toPage: string; to: number };
  'question.reworded': { question: string; field: string; languages: readonly string[] };
  'question.changed': { question: string; field: string; before: string; after: string };
  'option.added': { question: string; list: string; code: number; label: string };
  'option.removed': { question: string; list: string; code: number; label: string };
  'option.relabelled': { question: string; list: string; code: number; languages: readonly string[] };
  'options.reordered': { question: string; list: string };
  'item.added': { question: string; item: string };
  'item.removed': { question: string; item: string };
  'item.relabelled': { question: string; item: string; languages: readonly string[] };
  'items.reordered': { question: string };
  'cut.added': { variable: string };
  'cut.removed': { variable: string };
  'cut.relabelled': { variable: string };
  'cuts.reordered': Record<never, never>;
  'margin.added': { variable: string };
  'margin.removed': { variable: string };
  'indicator.added': { indicator: string; variable: string };
  'indicator.removed': { indicator: string };
  'indicator.changed': { indicator: string; field: string };
  'section.changed': { field: string };
}

export type StudyChangeKind = keyof ChangeParams;
/** One difference between two study documents: its kind and what it is about. */
export type StudyChange = { [K in StudyChangeKind]: { readonly kind: K } & Readonly<ChangeParams[K]> }[StudyChangeKind];

/** The differences between two versions of a study, in document order (study, languages, pages, questions, roles). */
export interface StudyDiff {
  readonly kind: 'study-diff';
  readonly before: { readonly id: string; readonly version: number };
  readonly after: { readonly id: string; readonly version: number };
  readonly changes: readonly StudyChange[];
}

/** The English wording of each change, `{name}` replaced by the change's parameter (lists joined by ", "). */
export const STUDY_CHANGE_TEXT: Readonly<Record<StudyChangeKind, string>> = Object.freeze({
  'study.reworded': 'study {field} reworded ({languages})',
  'study.changed': 'study {field} changed from {before} to {after}',
  'language.added': 'language {language} added',
  'language.removed': 'language {language} removed',
  'page.added': 'page {page} added at position {position}',
  'page.removed': 'page {page} removed',
  'page.moved': 'page {page} moved from position {from} to {to}',
  'page.reworded': 'page {page}: {field} reworded ({languages})',
  'page.changed': 'page {page}: {field} changed from {before} to {after}',
  'question.added': 'question {question} added on page {page}',
  'question.removed': 'question {question} removed from page {page}',
  'question.moved': 'question {question} moved from page {fromPage} (position {from}) to page {toPage} (position {to})',
  'question.reworded': 'question {question}: {field} reworded ({languages})',
  'question.changed': 'question {question}: {field} changed from {before} to {after}',
  'option.added': 'question {question}: {list} {code} added ({label})',
  'option.removed': 'question {question}: {list} {code} removed ({label})',
  'option.relabelled': 'question {question}: {list} {code} relabelled ({languages})',
  'options.reordered': 'question {question}: {list} reordered',
  'item.added': 'question {question}: item {item} added',
  'item.removed': 'question {question}: item {item} removed',
  'item.relabelled': 'question {question}: item {item} relabelled ({languages})',
  'items.reordered': 'question {question}: items reordered',
  'cut.added': 'cut {variable} added',
  'cut.removed': 'cut {variable} removed',
  'cut.relabelled': 'cut {variable} relabelled',
  'cuts.reordered': 'cuts reordered',
  'margin.added': 'margin {variable} added',
  'margin.removed': 'margin {variable} removed',
  'indicator.added': 'indicator {indicator} added (on {variable})',
  'indicator.removed': 'indicator {indicator} removed',
  'indicator.changed': 'indicator {indicator}: {field} changed',
  'section.changed': '{field} changed',
});

/** A change's parameters as text and numbers, for a message template. */
export function studyChangeParams(change: StudyChange): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(change)) {
    if (key === 'kind') continue;
    out[key] = Array.isArray(value) ? value.join(', ') : (value as string | number);
  }
  return out;
}

/** One change in words: `format(kind, params)` gives the template (English by default). */
export function formatStudyChange(
  change: StudyChange,
  format: (kind: StudyChangeKind, params: Record<string, string | number>) => string = (kind, params) =>
    STUDY_CHANGE_TEXT[kind].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')),
): string {
  return format(change.kind, studyChangeParams(change));
}

/** The diff as plain text, one change a line; `none` when there is no change. */
export function renderStudyDiff(diff: StudyDiff, format?: Parameters<typeof formatStudyChange>[1], none = 'no change'): string {
  if (diff.changes.length === 0) return none + '\n';
  return diff.changes.map((c) => formatStudyChange(c, format)).join('\n') + '\n';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** A short printable form of a setting's value. */
const show = (v: unknown): string => {
  if (v === undefined) return '(none)';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/**
 * Languages present in both labels whose text differs (a language added to the study is reported once, on
 * its own); every language of the label when an optional text (help, intro) is added or removed.
 */
function rewordedIn(a: Label | undefined, b: Label | undefined): string[] {
  if (!a || !b) return Object.keys(a ?? b ?? {});
  return Object.keys(a).filter((lang) => lang in b && a[lang] !== b[lang]);
}

/**
 * A value with every label (an object of texts keyed by language) cut down to `languages`, so that sections
 * compared as a whole do not all differ when the study gains or loses a language.
 */
function inLanguages(value: unknown, languages: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => inLanguages(v, languages));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const isLabel =
    entries.length > 0 && entries.every(([k, v]) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(k) && (typeof v === 'string' || (typeof v === 'object' && v !== null && 'one' in v)));
  return Object.fromEntries(entries.filter(([k]) => !isLabel || languages.has(k)).map(([k, v]) => [k, inLanguages(v, languages)]));
}

/** The first text of a label, for a line that names an added or removed option. */
const firstText = (label: Label | undefined) => (label ? (Object.values(label)[0] ?? '') : '');

/** Keys kept by the longest common subsequence of two key lists: the elements that did not move relative to each other. */
function stableKeys(a: readonly string[], b: readonly string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const lengths = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  }
  const out = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      out.add(a[i]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return out;
}

type Add = (change: StudyChange) => void;

/** Options, points, "other" and "don't know" matched by code. */
function diffOptions(question: string, list: string, a: readonly Option[], b: readonly Option[], add: Add): void {
  const before = new Map(a.map((o) => [o.code, o]));
  const after = new Map(b.map((o) => [o.code, o]));
  for (const o of a) if (!after.has(o.code)) add({ kind: 'option.removed', question, list, code: o.code, label: firstText(o.label) });
  for (const o of b) {
    const old = before.get(o.code);
    if (!old) add({ kind: 'option.added', question, list, code: o.code, label: firstText(o.label) });
    else {
      const languages = rewordedIn(old.label, o.label);
      if (languages.length > 0) add({ kind: 'option.relabelled', question, list, code: o.code, languages });
    }
  }
  const common = (xs: readonly Option[], other: Map<number, Option>) => xs.filter((o) => other.has(o.code)).map((o) => String(o.code));
  if (!same(common(a, after), common(b, before))) add({ kind: 'options.reordered', question, list });
}

const listOf = (q: Question, key: 'options' | 'points'): readonly Option[] => ((q as Record<string, unknown>)[key] as Option[] | undefined) ?? [];
const single = (o: Option | undefined): Option[] => (o ? [o] : []);

/** The fields of a question other than its name, texts and lists: compared as values. */
const SETTINGS = [
  'kind',
  'required',
  'identifying',
  'condition',
  'filter',
  'display',
  'maxSelections',
  'exclusive',
  'min',
  'max',
  'integer',
  'multiline',
  'maxLength',
  'total',
  'minRanked',
  'maxRanked',
  'randomize',
] as const;

function diffQuestion(a: Question, b: Question, add: Add): void {
  const question = b.name;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const field of SETTINGS) {
    if (!same(ra[field], rb[field])) add({ kind: 'question.changed', question, field, before: show(ra[field]), after: show(rb[field]) });
  }
  for (const field of ['text', 'help', 'unit'] as const) {
    const la = ra[field] as Label | undefined;
    const lb = rb[field] as Label | undefined;
    const languages = rewordedIn(la, lb);
    if (languages.length > 0) add({ kind: 'question.reworded', question, field, languages });
  }
  diffOptions(question, 'options', listOf(a, 'options'), listOf(b, 'options'), add);
  diffOptions(question, 'points', listOf(a, 'points'), listOf(b, 'points'), add);
  const other = (q: Question) => ('other' in q ? q.other : undefined);
  const dontKnow = (q: Question) => ('dontKnow' in q ? q.dontKnow : undefined);
  diffOptions(question, 'other', single(other(a)), single(other(b)), add);
  if (other(a) && other(b) && other(a)!.maxLength !== other(b)!.maxLength) {
    add({ kind: 'question.changed', question, field: 'other.maxLength', before: show(other(a)!.maxLength), after: show(other(b)!.maxLength) });
  }
  diffOptions(question, 'dontKnow', single(dontKnow(a)), single(dontKnow(b)), add);

  // matrix and multiple numeric items by name; a grid of texts' rows and columns as `row:<name>`, `column:<name>`
  const items = (q: Question): readonly { name: string; label: Label }[] =>
    q.kind === 'matrix' || q.kind === 'numbers'
      ? q.items
      : q.kind === 'textgrid'
        ? [...q.rows.map((r) => ({ name: `row:${r.name}`, label: r.label })), ...q.columns.map((c) => ({ name: `column:${c.name}`, label: c.label }))]
        : [];
  const before = new Map(items(a).map((i) => [i.name, i]));
  const after = new Map(items(b).map((i) => [i.name, i]));
  for (const item of items(a)) if (!after.has(item.name)) add({ kind: 'item.removed', question, item: item.name });
  for (const item of items(b)) {
    const old = before.get(item.name);
    if (!old) add({ kind: 'item.added', question, item: item.name });
    else {
      const languages = rewordedIn(old.label, item.label);
      if (languages.length > 0) add({ kind: 'item.relabelled', question, item: item.name, languages });
    }
  }
  const commonItems = (xs: readonly { name: string }[], other: Map<string, unknown>) => xs.filter((i) => other.has(i.name)).map((i) => i.name);
  if (!same(commonItems(items(a), after), commonItems(items(b), before))) add({ kind: 'items.reordered', question });
}

function diffPages(a: Study, b: Study, add: Add): void {
  const beforeIds = a.pages.map((p) => p.id);
  const afterIds = b.pages.map((p) => p.id);
  const before = new Map(a.pages.map((p, k) => [p.id, { page: p, position: k + 1 }]));
  const after = new Map(b.pages.map((p, k) => [p.id, { page: p, position: k + 1 }]));
  const stable = stableKeys(
    beforeIds.filter((id) => after.has(id)),
    afterIds.filter((id) => before.has(id)),
  );
  for (const p of a.pages) if (!after.has(p.id)) add({ kind: 'page.removed', page: p.id });
  for (const [k, p] of b.pages.entries()) {
    const old = before.get(p.id);
    if (!old) {
      add({ kind: 'page.added', page: p.id, position: k + 1 });
      continue;
    }
    if (!stable.has(p.id)) add({ kind: 'page.moved', page: p.id, from: old.position, to: k + 1 });
    for (const field of ['title', 'intro'] as const) {
      const la = old.page[field];
      const lb = p[field];
      const languages = rewordedIn(la, lb);
      if (languages.length > 0) add({ kind: 'page.reworded', page: p.id, field, languages });
    }
    if (!same(old.page.condition, p.condition)) add({ kind: 'page.changed', page: p.id, field: 'condition', before: show(old.page.condition), after: show(p.condition) });
  }

  // questions, matched by variable name (stable across versions); a question moves when its page changes or
  // when its order among the questions both versions of its page share changes
  const where = (s: Study) => {
    const out = new Map<string, { question: Question; page: string; position: number }>();
    for (const page of s.pages) page.questions.forEach((question, k) => out.set(question.name, { question, page: page.id, position: k + 1 }));
    return out;
  };
  const qa = where(a);
  const qb = where(b);
  const stableInPage = new Set<string>();
  for (const page of b.pages) {
    const old = a.pages.find((p) => p.id === page.id);
    if (!old) continue;
    const shared = (xs: readonly Question[], other: readonly Question[]) => xs.filter((q) => other.some((o) => o.name === q.name)).map((q) => q.name);
    for (const name of stableKeys(shared(old.questions, page.questions), shared(page.questions, old.questions))) stableInPage.add(name);
  }
  for (const [name, { page }] of qa) if (!qb.has(name)) add({ kind: 'question.removed', question: name, page });
  for (const [name, now] of qb) {
    const old = qa.get(name);
    if (!old) {
      add({ kind: 'question.added', question: name, page: now.page });
      continue;
    }
    if (old.page !== now.page || !stableInPage.has(name)) {
      add({ kind: 'question.moved', question: name, fromPage: old.page, from: old.position, toPage: now.page, to: now.position });
    }
    diffQuestion(old.question, now.question, add);
  }
}

function diffRoles(a: Study, b: Study, add: Add, same: (x: unknown, y: unknown) => boolean): void {
  const cutsA = new Map(a.cuts.map((c) => [c.variable, c]));
  const cutsB = new Map(b.cuts.map((c) => [c.variable, c]));
  for (const c of a.cuts) if (!cutsB.has(c.variable)) add({ kind: 'cut.removed', variable: c.variable });
  for (const c of b.cuts) {
    const old = cutsA.get(c.variable);
    if (!old) add({ kind: 'cut.added', variable: c.variable });
    else if (!same(old.label, c.label)) add({ kind: 'cut.relabelled', variable: c.variable });
  }
  const sharedCuts = (xs: Study['cuts'], other: Map<string, unknown>) => xs.filter((c) => other.has(c.variable)).map((c) => c.variable);
  if (!same(sharedCuts(a.cuts, cutsB), sharedCuts(b.cuts, cutsA))) add({ kind: 'cuts.reordered' });

  for (const m of a.margins) if (!b.margins.includes(m)) add({ kind: 'margin.removed', variable: m });
  for (const m of b.margins) if (!a.margins.includes(m)) add({ kind: 'margin.added', variable: m });

  const indicatorsA = new Map(a.indicators.map((i) => [i.id, i]));
  const indicatorsB = new Map(b.indicators.map((i) => [i.id, i]));
  for (const i of a.indicators) if (!indicatorsB.has(i.id)) add({ kind: 'indicator.removed', indicator: i.id });
  for (const i of b.indicators) {
    const old = indicatorsA.get(i.id);
    if (!old) {
      add({ kind: 'indicator.added', indicator: i.id, variable: i.variable });
      continue;
    }
    for (const field of ['label', 'theme', 'variable', 'yes', 'group'] as const) {
      if (!same(old[field], i[field])) add({ kind: 'indicator.changed', indicator: i.id, field });
    }
  }
  const sharedIndicators = (xs: Study['indicators'], other: Map<string, unknown>) => xs.filter((i) => other.has(i.id)).map((i) => i.id);
  if (!same(sharedIndicators(a.indicators, indicatorsB), sharedIndicators(b.indicators, indicatorsA))) add({ kind: 'section.changed', field: 'indicators (order)' });
}

/**
 * The differences between two versions of a study: pages and questions (matched by page id and variable
 * name) added, removed, moved or reworded (a text changed in any language), options, points and items added,
 * removed, relabelled or reordered, a question's settings, the study's texts and settings, languages, cuts,
 * margins and indicators; themes, maturity dimensions, the benchmark, the lead form and producers are
 * reported as a whole when they differ. Pure; O(pages² + questions²) at worst for the order checks.
 */
export function diffStudies(before: Study, after: Study): StudyDiff {
  const changes: StudyChange[] = [];
  const add: Add = (change) => changes.push(Object.freeze(change));
  if (before.id !== after.id) add({ kind: 'study.changed', field: 'id', before: before.id, after: after.id });
  for (const field of ['title', 'description', 'privacyNotice'] as const) {
    const languages = rewordedIn(before[field], after[field]);
    if (languages.length > 0) add({ kind: 'study.reworded', field, languages });
  }
  for (const field of ['defaultLanguage', 'estimatedMinutes', 'logo'] as const) {
    if (!same(before[field], after[field])) add({ kind: 'study.changed', field, before: show(before[field]), after: show(after[field]) });
  }
  const unitLanguages =
    before.unit && after.unit
      ? Object.keys(before.unit).filter((lang) => lang in after.unit! && !same(before.unit![lang], after.unit![lang]))
      : Object.keys(before.unit ?? after.unit ?? {});
  if (unitLanguages.length > 0) add({ kind: 'study.reworded', field: 'unit', languages: unitLanguages });
  for (const lang of before.languages) if (!after.languages.includes(lang)) add({ kind: 'language.removed', language: lang });
  for (const lang of after.languages) if (!before.languages.includes(lang)) add({ kind: 'language.added', language: lang });
  diffPages(before, after, add);
  const common = new Set(before.languages.filter((lang) => after.languages.includes(lang)));
  const sameInCommon = (x: unknown, y: unknown) => same(inLanguages(x, common), inLanguages(y, common));
  diffRoles(before, after, add, sameInCommon);
  for (const field of ['themes', 'maturity', 'benchmark', 'leadForm', 'producers', 'branding'] as const) {
    if (!sameInCommon(before[field], after[field])) add({ kind: 'section.changed', field });
  }
  return Object.freeze({
    kind: 'study-diff',
    before: Object.freeze({ id: before.id, version: before.version }),
    after: Object.freeze({ id: after.id, version: after.version }),
    changes: Object.freeze(changes),
  });
}
