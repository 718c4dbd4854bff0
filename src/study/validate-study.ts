import type { z } from 'zod';
import { conditionVariables, type Condition } from './condition.js';
import { columnLayout } from './column-layout.js';
import { formatPath } from './format-path.js';
import { matrixItemCodes } from './carry-forward.js';
import { QUESTION_KINDS, isIsoDate, isRandomized, numbersItemKey, orderKey, questionCodes, rankKey, textGridCells, type MultipleQuestion, type Question } from './question.js';
import { studyLabels } from './study-labels.js';
import { ZStudy, type Cut, type Study } from './study.js';
import { defaultLanguageFirst } from './default-language-first.js';

export interface StudyIssue {
  /** e.g. `pages[2].questions[4].options[3].code` */
  readonly path: string;
  readonly message: string;
}

export type StudyValidation = { readonly ok: true; readonly study: Study; readonly errors: readonly [] } | { readonly ok: false; readonly errors: readonly StudyIssue[] };

function zodIssues(error: z.ZodError, input: unknown): StudyIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind') {
      // a discriminated union with an unknown discriminator: name the kind that was given
      let node: unknown = input;
      for (const key of issue.path) node = (node as Record<PropertyKey, unknown> | undefined)?.[key as never];
      if (!QUESTION_KINDS.includes(node as never)) {
        return { path, message: `unknown question kind ${JSON.stringify(node)} (expected one of ${QUESTION_KINDS.join(', ')})` };
      }
    }
    return { path, message: issue.message };
  });
}

/** Checks what a schema cannot: unique names and codes, conditions on earlier questions, indicators. */
function semanticIssues(study: Study): StudyIssue[] {
  const issues: StudyIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  languageIssues(study, add);

  // variable name -> codes it may hold, filled in questionnaire order so conditions can only look back
  const known = new Map<string, { codes: number[]; kind: Question['kind'] }>();
  const pageIds = new Set<string>();
  // multiple choices of the pages before the current one: the sources a carry forward may read
  const earlierMultiples = new Map<string, MultipleQuestion>();
  // information texts have names (for editors and anchors) but no variable: unique, never a condition's target
  const infoNames = new Set<string>();

  study.pages.forEach((page, p) => {
    if (pageIds.has(page.id)) add(`pages[${p}].id`, `duplicate page id "${page.id}"`);
    pageIds.add(page.id);
    page.questions.forEach((q, i) => {
      const at = `pages[${p}].questions[${i}]`;
      let where = `${at}.condition`;
      const checkCondition = (condition: Condition | undefined) => {
        if (!condition) return;
        for (const variable of conditionVariables(condition)) {
          if (!known.has(variable)) add(where, `condition on "${variable}", which is not an earlier question`);
        }
        const walk = (c: Condition) => {
          if (c.op === 'not') return walk(c.condition);
          if (c.op === 'and' || c.op === 'or') return c.conditions.forEach(walk);
          const target = known.get(c.question);
          if (!target) return;
          if (target.kind === 'numbers' || target.kind === 'textgrid') {
            // its answers live under its items or cells
            add(where, `"${c.question}" has no answer of its own; a condition names one of its ${target.kind === 'numbers' ? 'items' : 'cells'} (${c.question}_…)`);
            return;
          }
          const values = c.op === 'equals' ? [c.value] : c.op === 'in' ? c.values : [];
          for (const v of values) if (!target.codes.includes(v)) add(`${where}`, `"${c.question}" has no code ${v}`);
          if (c.op === 'compare') {
            // dates are compared with date questions only; choices accept != with one of their codes
            if (target.kind === 'date') {
              if (typeof c.value !== 'string') add(where, `"${c.question}" is a date; compare it with a date written YYYY-MM-DD, not the number ${c.value}`);
              else if (!isIsoDate(c.value)) add(where, `${c.value} is not a real calendar day`);
            } else if (typeof c.value === 'string') add(where, `"${c.question}" is not a date; it cannot be compared with ${c.value}`);
            else if (target.kind !== 'number' && !(c.comparator === '!=' && target.codes.includes(c.value)))
              add(where, `"${c.question}" is not a number; only != with one of its codes applies`);
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
          add(where, `duplicate variable name "${name}"`);
        }
      });
      if (q.kind === 'numbers' || q.kind === 'textgrid') composedNameIssues(q, at, known, add);

      if (q.kind === 'ranking') {
        const seen = new Set<number>();
        q.options.forEach((o, k) => {
          if (seen.has(o.code)) add(`${at}.options[${k}].code`, `duplicate code ${o.code}`);
          seen.add(o.code);
        });
        if (q.maxRanked !== undefined && q.maxRanked > q.options.length) add(`${at}.maxRanked`, `${q.maxRanked} is more than the ${q.options.length} options`);
        if (q.minRanked !== undefined && q.minRanked > (q.maxRanked ?? q.options.length)) {
          add(`${at}.minRanked`, `${q.minRanked} is more than the ${q.maxRanked === undefined ? `${q.options.length} options` : `maxRanked ${q.maxRanked}`}`);
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
          if (seen.has(o.code)) add(`${at}.${listName}[${k}].code`, `duplicate code ${o.code}`);
          seen.add(o.code);
        });
        const extra = q.kind === 'single' || q.kind === 'multiple' ? q.other && { key: 'other', code: q.other.code } : q.dontKnow && { key: 'dontKnow', code: q.dontKnow.code };
        if (extra && seen.has(extra.code)) add(`${at}.${extra.key}.code`, `duplicate code ${extra.code}`);
      }
      if (q.kind === 'multiple') {
        const codes = questionCodes(q);
        q.exclusive.forEach((code, k) => {
          if (!codes.includes(code)) add(`${at}.exclusive[${k}]`, `no option has code ${code}`);
        });
        if (q.maxSelections !== undefined && q.maxSelections > codes.length) add(`${at}.maxSelections`, `${q.maxSelections} is more than the ${codes.length} options`);
      }
      if ((q.kind === 'single' || q.kind === 'multiple' || q.kind === 'matrix') && q.filter) carryForwardIssues(q, earlierMultiples.get(q.filter.question), at, add);
      if ((q.kind === 'number' || q.kind === 'numbers' || q.kind === 'date') && q.min !== undefined && q.max !== undefined && q.min > q.max)
        add(`${at}.min`, `minimum ${q.min} is above maximum ${q.max}`);
      if (q.kind === 'numbers' && q.total !== undefined) {
        const n = q.items.length;
        if (q.min !== undefined && n * q.min > q.total) add(`${at}.total`, `the total ${q.total} is below ${n} items of at least ${q.min}`);
        if (q.max !== undefined && n * q.max < q.total) add(`${at}.total`, `the total ${q.total} is above ${n} items of at most ${q.max}`);
        if (q.integer && !Number.isInteger(q.total)) add(`${at}.total`, `the total ${q.total} is not a whole number, but every item is`);
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
    if (ids.has(indicator.id)) add(`${at}.id`, `duplicate indicator id "${indicator.id}"`);
    ids.add(indicator.id);
    if (!themes.has(indicator.theme)) add(`${at}.theme`, `unknown theme "${indicator.theme}"`);
    const column = layout.byName.get(indicator.variable);
    if (!column || column.kind !== 'category') {
      add(`${at}.variable`, `"${indicator.variable}" is not a categorical variable of the questionnaire`);
      return;
    }
    indicator.yes.forEach((code, j) => {
      if (!column.levels.some((l) => l.code === code)) add(`${at}.yes[${j}]`, `"${indicator.variable}" has no code ${code}`);
    });
  });
  study.maturity.forEach((dimension, k) => {
    dimension.scoring.forEach((s, j) => {
      const column = layout.byName.get(s.variable);
      if (!column || column.kind !== 'category') {
        add(`maturity[${k}].scoring[${j}].variable`, `"${s.variable}" is not a categorical variable of the questionnaire`);
        return;
      }
      s.scores.forEach((score, m) => {
        if (!column.levels.some((l) => l.code === score.code)) add(`maturity[${k}].scoring[${j}].scores[${m}].code`, `"${s.variable}" has no code ${score.code}`);
      });
    });
  });
  roleIssues(study, add);
  return issues;
}

type AddIssue = (path: string, message: string) => void;

/**
 * A carry forward reads a multiple choice of an earlier page (so the page is built on the server, without a
 * script), and its codes line up: with `keep: 'chosen'` every option of a choice is an option of the source
 * (another would never show); a matrix's items each stand for an option of the source (see carry-forward.ts).
 */
function carryForwardIssues(q: Extract<Question, { kind: 'single' | 'multiple' | 'matrix' }>, source: MultipleQuestion | undefined, questionAt: string, add: AddIssue): void {
  const filter = q.filter!;
  const at = `${questionAt}.filter`;
  if (!source) return add(`${at}.question`, `"${filter.question}" is not a multiple choice on an earlier page`);
  const sourceCodes = questionCodes(source);
  if (q.kind === 'matrix') {
    const byExportCode = q.items.every((item) => item.exportCode !== undefined);
    if (!byExportCode && q.items.length !== source.options.length) {
      return add(
        `${at}.question`,
        `the ${q.items.length} items do not stand for the ${source.options.length} options of "${source.name}" (give each item the export code of its option, or as many items as options)`,
      );
    }
    matrixItemCodes(q, source).forEach((code, k) => {
      if (code === undefined) add(`${questionAt}.items[${k}].exportCode`, `"${source.name}" has no option with export code ${JSON.stringify(q.items[k]!.exportCode)}`);
    });
    return;
  }
  if (filter.keep !== 'chosen') return;
  const codes = [...q.options.map((o) => o.code), ...(q.other ? [q.other.code] : [])];
  const unmatched = codes.filter((code) => !sourceCodes.includes(code));
  if (unmatched.length > 0)
    add(`${at}.question`, `"${source.name}" has no code ${unmatched.join(', ')}: ${unmatched.length > 1 ? 'these options' : 'this option'} would never be shown`);
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
      if (seen.has(item.name)) add(`${at}.${listName}[${k}].name`, `duplicate ${listName === 'items' ? 'item' : listName === 'rows' ? 'row' : 'column'} name "${item.name}"`);
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
      if (!duplicateKeys) add(path, `duplicate variable name "${name}"`);
      continue;
    }
    reported.add(name);
    if (name.length > 32) add(path, `variable name "${name}" is ${name.length} characters long; at most 32 (shorten the question, item, row or column name)`);
    if (known.has(name)) add(path, `duplicate variable name "${name}"`);
  }
}

/** Languages declared once each, the default among them, every label in each declared language and only those. */
function languageIssues(study: Study, add: AddIssue): void {
  const declared = study.languages ?? [];
  const seen = new Set<string>();
  declared.forEach((lang, k) => {
    if (seen.has(lang)) add(`languages[${k}]`, `"${lang}" is declared twice`);
    seen.add(lang);
  });
  if (study.defaultLanguage !== undefined && !seen.has(study.defaultLanguage)) {
    add('defaultLanguage', `"${study.defaultLanguage}" is not one of the study's languages (${declared.join(', ')})`);
  }
  for (const { path, label } of studyLabels(study)) {
    for (const lang of declared) if (typeof label[lang] !== 'string') add(`${path}.${lang}`, `missing ${lang} text`);
    for (const lang of Object.keys(label)) if (!seen.has(lang)) add(`${path}.${lang}`, `"${lang}" is not one of the study's languages (${declared.join(', ')})`);
  }
  if (study.unit) {
    const missing = declared.filter((lang) => !study.unit![lang]);
    const extra = Object.keys(study.unit).filter((lang) => !seen.has(lang));
    if (missing.length > 0) add('unit', `missing respondent unit in ${missing.join(', ')}`);
    if (extra.length > 0) add('unit', `unit in ${extra.join(', ')}, which the study does not declare`);
  }
}

/** Cuts, margins and peer groups name single-choice questions, once each; lead form fields have unique ids and codes. */
function roleIssues(study: Study, add: AddIssue): void {
  const singles = new Set<string>();
  for (const page of study.pages ?? []) for (const q of page.questions ?? []) if (q.kind === 'single') singles.add(q.name);
  const checkVariables = (at: string, variables: readonly string[]) => {
    const seen = new Set<string>();
    variables.forEach((variable, k) => {
      if (!singles.has(variable)) add(`${at}[${k}]`, `"${variable}" is not a single-choice question of the questionnaire`);
      else if (seen.has(variable)) add(`${at}[${k}]`, `"${variable}" is listed twice`);
      seen.add(variable);
    });
  };
  const cutVariables = (cuts: readonly Cut[] | undefined) => (cuts ?? []).map((c) => c.variable);
  checkVariables('cuts', cutVariables(study.cuts));
  checkVariables('margins', study.margins ?? []);
  checkVariables('benchmark.peerGroups', cutVariables(study.benchmark?.peerGroups));
  const ids = new Set<string>();
  (study.leadForm ?? []).forEach((field, k) => {
    if (ids.has(field.id)) add(`leadForm[${k}].id`, `duplicate field id "${field.id}"`);
    ids.add(field.id);
    if (['name', 'email', 'consent'].includes(field.id)) add(`leadForm[${k}].id`, `"${field.id}" is a field every form has`);
    const codes = new Set<number>();
    (field.options ?? []).forEach((o, j) => {
      if (codes.has(o.code)) add(`leadForm[${k}].options[${j}].code`, `duplicate code ${o.code}`);
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
