import type { z } from 'zod';
import { t, type MessageKey, type MessageParams } from '../messages/index.js';
import { conditionVariables, type Condition } from './condition.js';
import { columnLayout } from './column-layout.js';
import { formatPath } from './format-path.js';
import { matrixItemCodes } from './carry-forward.js';
import { QUESTION_KINDS, isIsoDate, isRandomized, numbersItemKey, orderKey, questionCodes, rankKey, textGridCells, type MultipleQuestion, type Question } from './question.js';
import { studyLabels } from './study-labels.js';
import { ZStudy, type Cut, type Study } from './study.js';
import { defaultLanguageFirst } from './default-language-first.js';
import { zodIssueWords } from './study-issue-words.js';

export interface StudyIssue {
  /** e.g. `pages[2].questions[4].options[3].code` */
  readonly path: string;
  /** in English (the CLI prints it); `key` and `params` give it in any interface language (studyIssueText) */
  readonly message: string;
  readonly key?: MessageKey;
  readonly params?: MessageParams;
}

/** An error of the catalogues' words: its English message, key and parameters. */
function issueOf(path: string, key: MessageKey, params: MessageParams = {}): StudyIssue {
  return { path, message: t('en', key, params), key, params };
}

/** What the document holds at a path, undefined when nothing does. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = input;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

export type StudyValidation = { readonly ok: true; readonly study: Study; readonly errors: readonly [] } | { readonly ok: false; readonly errors: readonly StudyIssue[] };

function zodIssues(error: z.ZodError, input: unknown): StudyIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const value = valueAt(input, issue.path);
    if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind' && !QUESTION_KINDS.includes(value as never)) {
      // a discriminated union with an unknown discriminator: name the kind that was given
      return issueOf(path, 'study.error.unknownKind', { kind: String(JSON.stringify(value)), kinds: QUESTION_KINDS.join(', ') });
    }
    return { path, message: issue.message, ...zodIssueWords(issue, value) };
  });
}

/** Checks what a schema cannot: unique names and codes, conditions on earlier questions, indicators. */
function semanticIssues(study: Study): StudyIssue[] {
  const issues: StudyIssue[] = [];
  const add: AddIssue = (path, key, params) => issues.push(issueOf(path, key, params));
  languageIssues(study, add);

  // variable name -> codes it may hold, filled in questionnaire order so conditions can only look back
  const known = new Map<string, { codes: number[]; kind: Question['kind'] }>();
  const pageIds = new Set<string>();
  // multiple choices of the pages before the current one: the sources a carry forward may read
  const earlierMultiples = new Map<string, MultipleQuestion>();
  // information texts have names (for editors and anchors) but no variable: unique, never a condition's target
  const infoNames = new Set<string>();

  study.pages.forEach((page, p) => {
    if (pageIds.has(page.id)) add(`pages[${p}].id`, 'study.error.duplicatePageId', { id: page.id });
    pageIds.add(page.id);
    page.questions.forEach((q, i) => {
      const at = `pages[${p}].questions[${i}]`;
      let where = `${at}.condition`;
      const checkCondition = (condition: Condition | undefined) => {
        if (!condition) return;
        for (const variable of conditionVariables(condition)) {
          if (!known.has(variable)) add(where, 'study.error.conditionNotEarlier', { variable });
        }
        const walk = (c: Condition) => {
          if (c.op === 'not') return walk(c.condition);
          if (c.op === 'and' || c.op === 'or') return c.conditions.forEach(walk);
          const target = known.get(c.question);
          if (!target) return;
          if (target.kind === 'numbers' || target.kind === 'textgrid') {
            // its answers live under its items or cells
            add(where, target.kind === 'numbers' ? 'study.error.conditionOnItems' : 'study.error.conditionOnCells', { question: c.question });
            return;
          }
          const values = c.op === 'equals' ? [c.value] : c.op === 'in' ? c.values : [];
          for (const v of values) if (!target.codes.includes(v)) add(where, 'study.error.noCode', { question: c.question, code: v });
          if (c.op === 'compare') {
            // dates are compared with date questions only; choices accept != with one of their codes
            if (target.kind === 'date') {
              if (typeof c.value !== 'string') add(where, 'study.error.compareDateWithNumber', { question: c.question, value: c.value });
              else if (!isIsoDate(c.value)) add(where, 'study.error.notCalendarDay', { value: c.value });
            } else if (typeof c.value === 'string') add(where, 'study.error.compareNotDate', { question: c.question, value: c.value });
            else if (target.kind !== 'number' && !(c.comparator === '!=' && target.codes.includes(c.value))) add(where, 'study.error.compareNotNumber', { question: c.question });
          }
        };
        walk(condition);
      };
      if (i === 0 && page.condition) {
        where = `pages[${p}].condition`;
        checkCondition(page.condition);
      }
      where = `${at}.condition`;
      checkCondition(q.condition);

      const names = q.kind === 'matrix' ? [q.name, ...q.items.map((item) => item.name)] : [q.name];
      if (q.kind === 'multiple') for (const o of q.options) names.push(`${q.name}_${o.code}`);
      if ((q.kind === 'single' || q.kind === 'multiple') && q.other) names.push(`${q.name}_other`);
      if (q.kind === 'ranking') for (const o of q.options) names.push(rankKey(q.name, o.code));
      if (isRandomized(q)) names.push(orderKey(q.name));
      names.forEach((name, k) => {
        if (known.has(name) || infoNames.has(name)) {
          const where = k === 0 ? `${at}.name` : q.kind === 'matrix' && k <= q.items.length ? `${at}.items[${k - 1}].name` : `${at}.name`;
          add(where, 'study.error.duplicateVariable', { name });
        }
      });
      if (q.kind === 'numbers' || q.kind === 'textgrid') composedNameIssues(q, at, known, add);

      if (q.kind === 'ranking') {
        const seen = new Set<number>();
        q.options.forEach((o, k) => {
          if (seen.has(o.code)) add(`${at}.options[${k}].code`, 'study.error.duplicateCode', { code: o.code });
          seen.add(o.code);
        });
        if (q.maxRanked !== undefined && q.maxRanked > q.options.length) add(`${at}.maxRanked`, 'study.error.moreThanOptions', { value: q.maxRanked, n: q.options.length });
        if (q.minRanked !== undefined && q.minRanked > (q.maxRanked ?? q.options.length)) {
          if (q.maxRanked === undefined) add(`${at}.minRanked`, 'study.error.moreThanOptions', { value: q.minRanked, n: q.options.length });
          else add(`${at}.minRanked`, 'study.error.moreThanMaxRanked', { value: q.minRanked, max: q.maxRanked });
        }
      }
      if (q.kind === 'info') {
        infoNames.add(q.name);
        return;
      }
      if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'scale' || q.kind === 'matrix') {
        const list = q.kind === 'scale' || q.kind === 'matrix' ? q.points : q.options;
        const listName = q.kind === 'scale' || q.kind === 'matrix' ? 'points' : 'options';
        const seen = new Set<number>();
        list.forEach((o, k) => {
          if (seen.has(o.code)) add(`${at}.${listName}[${k}].code`, 'study.error.duplicateCode', { code: o.code });
          seen.add(o.code);
        });
        const extra = q.kind === 'single' || q.kind === 'multiple' ? q.other && { key: 'other', code: q.other.code } : q.dontKnow && { key: 'dontKnow', code: q.dontKnow.code };
        if (extra && seen.has(extra.code)) add(`${at}.${extra.key}.code`, 'study.error.duplicateCode', { code: extra.code });
      }
      if (q.kind === 'multiple') {
        const codes = questionCodes(q);
        q.exclusive.forEach((code, k) => {
          if (!codes.includes(code)) add(`${at}.exclusive[${k}]`, 'study.error.noOptionCode', { code });
        });
        if (q.maxSelections !== undefined && q.maxSelections > codes.length) add(`${at}.maxSelections`, 'study.error.moreThanOptions', { value: q.maxSelections, n: codes.length });
      }
      if ((q.kind === 'single' || q.kind === 'multiple' || q.kind === 'matrix') && q.filter) carryForwardIssues(q, earlierMultiples.get(q.filter.question), at, add);
      if ((q.kind === 'number' || q.kind === 'numbers' || q.kind === 'date') && q.min !== undefined && q.max !== undefined && q.min > q.max)
        add(`${at}.min`, 'study.error.minAboveMax', { min: q.min, max: q.max });
      if (q.kind === 'numbers' && q.total !== undefined) {
        const n = q.items.length;
        if (q.min !== undefined && n * q.min > q.total) add(`${at}.total`, 'study.error.totalBelow', { total: q.total, n, min: q.min });
        if (q.max !== undefined && n * q.max < q.total) add(`${at}.total`, 'study.error.totalAbove', { total: q.total, n, max: q.max });
        if (q.integer && !Number.isInteger(q.total)) add(`${at}.total`, 'study.error.totalNotWhole', { total: q.total });
      }

      const codes = questionCodes(q);
      known.set(q.name, { codes: q.kind === 'consent' ? [0, 1] : codes, kind: q.kind });
      if (q.kind === 'matrix') for (const item of q.items) known.set(item.name, { codes, kind: 'scale' });
      if (q.kind === 'numbers') for (const item of q.items) known.set(numbersItemKey(q, item), { codes: [], kind: 'number' });
      if (q.kind === 'textgrid') for (const cell of textGridCells(q)) known.set(cell.key, { codes: [], kind: 'text' });
      // a ranking's rank variables compare as numbers (`rank_3 <= 2`: ranked among the first two)
      if (q.kind === 'ranking') for (const o of q.options) known.set(rankKey(q.name, o.code), { codes: [], kind: 'number' });
    });
    for (const q of page.questions) if (q.kind === 'multiple') earlierMultiples.set(q.name, q);
  });

  const layout = columnLayout(study);
  const themes = new Set(study.themes.map((t) => t.id));
  const ids = new Set<string>();
  study.indicators.forEach((indicator, k) => {
    const at = `indicators[${k}]`;
    if (ids.has(indicator.id)) add(`${at}.id`, 'study.error.duplicateIndicatorId', { id: indicator.id });
    ids.add(indicator.id);
    if (!themes.has(indicator.theme)) add(`${at}.theme`, 'study.error.unknownTheme', { theme: indicator.theme });
    const column = layout.byName.get(indicator.variable);
    if (!column || column.kind !== 'category') {
      add(`${at}.variable`, 'study.error.notCategorical', { variable: indicator.variable });
      return;
    }
    indicator.yes.forEach((code, j) => {
      if (!column.levels.some((l) => l.code === code)) add(`${at}.yes[${j}]`, 'study.error.noCode', { question: indicator.variable, code });
    });
  });
  study.maturity.forEach((dimension, k) => {
    dimension.scoring.forEach((s, j) => {
      const column = layout.byName.get(s.variable);
      if (!column || column.kind !== 'category') {
        add(`maturity[${k}].scoring[${j}].variable`, 'study.error.notCategorical', { variable: s.variable });
        return;
      }
      s.scores.forEach((score, m) => {
        if (!column.levels.some((l) => l.code === score.code))
          add(`maturity[${k}].scoring[${j}].scores[${m}].code`, 'study.error.noCode', { question: s.variable, code: score.code });
      });
    });
  });
  roleIssues(study, add);
  return issues;
}

type AddIssue = (path: string, key: MessageKey, params?: MessageParams) => void;

/**
 * A carry forward reads a multiple choice of an earlier page (so the page is built on the server, without a
 * script), and its codes line up: with `keep: 'chosen'` every option of a choice is an option of the source
 * (another would never show); a matrix's items each stand for an option of the source (see carry-forward.ts).
 */
function carryForwardIssues(q: Extract<Question, { kind: 'single' | 'multiple' | 'matrix' }>, source: MultipleQuestion | undefined, questionAt: string, add: AddIssue): void {
  const filter = q.filter!;
  const at = `${questionAt}.filter`;
  if (!source) return add(`${at}.question`, 'study.error.notEarlierMultiple', { question: filter.question });
  const sourceCodes = questionCodes(source);
  if (q.kind === 'matrix') {
    const byExportCode = q.items.every((item) => item.exportCode !== undefined);
    if (!byExportCode && q.items.length !== source.options.length) {
      return add(`${at}.question`, 'study.error.matrixItemsMismatch', { items: q.items.length, options: source.options.length, source: source.name });
    }
    matrixItemCodes(q, source).forEach((code, k) => {
      if (code === undefined) add(`${questionAt}.items[${k}].exportCode`, 'study.error.noExportCode', { source: source.name, exportCode: JSON.stringify(q.items[k]!.exportCode) });
    });
    return;
  }
  if (filter.keep !== 'chosen') return;
  const codes = [...q.options.map((o) => o.code), ...(q.other ? [q.other.code] : [])];
  const unmatched = codes.filter((code) => !sourceCodes.includes(code));
  if (unmatched.length > 0)
    add(`${at}.question`, unmatched.length > 1 ? 'study.error.neverShownMany' : 'study.error.neverShownOne', { source: source.name, codes: unmatched.join(', ') });
}

/**
 * The variables `<question>_<item>` of a multiple numeric question and `<question>_<row>_<column>` of a grid of
 * texts: item, row and column keys unique, each variable within 32 characters and not already taken.
 */
function composedNameIssues(q: Extract<Question, { kind: 'numbers' | 'textgrid' }>, at: string, known: ReadonlyMap<string, unknown>, add: AddIssue): void {
  let duplicateKeys = false;
  const uniqueKeys = (list: readonly { name: string }[], listName: string) => {
    const seen = new Set<string>();
    list.forEach((item, k) => {
      if (seen.has(item.name)) duplicateKeys = true;
      if (seen.has(item.name))
        add(
          `${at}.${listName}[${k}].name`,
          listName === 'items' ? 'study.error.duplicateItemName' : listName === 'rows' ? 'study.error.duplicateRowName' : 'study.error.duplicateColumnName',
          { name: item.name },
        );
      seen.add(item.name);
    });
  };
  const variables: { name: string; path: string }[] = [];
  if (q.kind === 'numbers') {
    uniqueKeys(q.items, 'items');
    q.items.forEach((item, k) => variables.push({ name: numbersItemKey(q, item), path: `${at}.items[${k}].name` }));
  } else {
    uniqueKeys(q.rows, 'rows');
    uniqueKeys(q.columns, 'columns');
    const rowOf = new Map(q.rows.map((row, k) => [row, k]));
    for (const cell of textGridCells(q)) variables.push({ name: cell.key, path: `${at}.rows[${rowOf.get(cell.row)}].name` });
  }
  const reported = new Set<string>();
  for (const { name, path } of variables) {
    if (reported.has(name)) {
      // two different row and column pairs spelling the same variable (`a_b` × `c` and `a` × `b_c`)
      if (!duplicateKeys) add(path, 'study.error.duplicateVariable', { name });
      continue;
    }
    reported.add(name);
    if (name.length > 32) add(path, 'study.error.variableTooLong', { name, length: name.length });
    if (known.has(name)) add(path, 'study.error.duplicateVariable', { name });
  }
}

/** Languages declared once each, the default among them, every label in each declared language and only those. */
function languageIssues(study: Study, add: AddIssue): void {
  const declared = study.languages ?? [];
  const seen = new Set<string>();
  declared.forEach((lang, k) => {
    if (seen.has(lang)) add(`languages[${k}]`, 'study.error.declaredTwice', { lang });
    seen.add(lang);
  });
  if (study.defaultLanguage !== undefined && !seen.has(study.defaultLanguage)) {
    add('defaultLanguage', 'study.error.notStudyLanguage', { lang: study.defaultLanguage, languages: declared.join(', ') });
  }
  for (const { path, label } of studyLabels(study)) {
    for (const lang of declared) if (typeof label[lang] !== 'string') add(`${path}.${lang}`, 'study.error.missingText', { lang });
    for (const lang of Object.keys(label)) if (!seen.has(lang)) add(`${path}.${lang}`, 'study.error.notStudyLanguage', { lang, languages: declared.join(', ') });
  }
  if (study.unit) {
    const missing = declared.filter((lang) => !study.unit![lang]);
    const extra = Object.keys(study.unit).filter((lang) => !seen.has(lang));
    if (missing.length > 0) add('unit', 'study.error.missingUnit', { languages: missing.join(', ') });
    if (extra.length > 0) add('unit', 'study.error.extraUnit', { languages: extra.join(', ') });
  }
}

/** Cuts, margins and peer groups name single-choice questions, once each; lead form fields have unique ids and codes. */
function roleIssues(study: Study, add: AddIssue): void {
  const singles = new Set<string>();
  for (const page of study.pages ?? []) for (const q of page.questions ?? []) if (q.kind === 'single') singles.add(q.name);
  const checkVariables = (at: string, variables: readonly string[]) => {
    const seen = new Set<string>();
    variables.forEach((variable, k) => {
      if (!singles.has(variable)) add(`${at}[${k}]`, 'study.error.notSingleChoice', { variable });
      else if (seen.has(variable)) add(`${at}[${k}]`, 'study.error.listedTwice', { variable });
      seen.add(variable);
    });
  };
  const cutVariables = (cuts: readonly Cut[] | undefined) => (cuts ?? []).map((c) => c.variable);
  checkVariables('cuts', cutVariables(study.cuts));
  checkVariables('margins', study.margins ?? []);
  checkVariables('benchmark.peerGroups', cutVariables(study.benchmark?.peerGroups));
  const ids = new Set<string>();
  (study.leadForm ?? []).forEach((field, k) => {
    if (ids.has(field.id)) add(`leadForm[${k}].id`, 'study.error.duplicateFieldId', { id: field.id });
    ids.add(field.id);
    if (['name', 'email', 'consent'].includes(field.id)) add(`leadForm[${k}].id`, 'study.error.reservedFieldId', { id: field.id });
    const codes = new Set<number>();
    (field.options ?? []).forEach((o, j) => {
      if (codes.has(o.code)) add(`leadForm[${k}].options[${j}].code`, 'study.error.duplicateCode', { code: o.code });
      codes.add(o.code);
    });
  });
}

/** The raw document with the list defaults a parse would give, for best-effort checks of a broken one. */
function withDefaults(input: unknown): Study {
  const doc = { languages: ['fr', 'en'], themes: [], indicators: [], maturity: [], cuts: [], margins: [], leadForm: [], ...(input as object) } as unknown as Study;
  for (const page of doc.pages ?? []) {
    for (const q of page.questions ?? []) {
      if (q.kind === 'multiple') (q as { exclusive?: number[] }).exclusive ??= [];
      if (!QUESTION_KINDS.includes(q.kind)) (q as { kind: string }).kind = 'text';
    }
  }
  return doc;
}

/**
 * Validates a study document: its shape (zod), every label in each declared language and no other, cuts,
 * margins and peer groups on single-choice questions, unique variable names and codes,
 * conditions on earlier questions only, indicators and maturity scores pointing at existing codes.
 * Every problem is reported with its path; nothing throws.
 */
export function validateStudy(input: unknown): StudyValidation {
  const parsed = ZStudy.safeParse(input);
  if (!parsed.success) {
    // also report what the semantic checks find on the parts that have the right shape, so that one run
    // lists every error; a part too broken to check is covered by the shape errors already
    const errors = zodIssues(parsed.error, input);
    let semantic: StudyIssue[] = [];
    try {
      semantic = semanticIssues(withDefaults(structuredClone(input)));
    } catch {
      semantic = [];
    }
    const seen = new Set(errors.map((e) => `${e.path}: ${e.message}`));
    for (const e of semantic) if (!seen.has(`${e.path}: ${e.message}`)) errors.push(e);
    return { ok: false, errors };
  }
  const errors = semanticIssues(parsed.data);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, study: defaultLanguageFirst(parsed.data), errors: [] };
}
