import { labelIn, type Label } from './label.js';
import { interfaceLanguage, type MessageKey, t } from '../messages/index.js';
import { numbersItemKey, rankingBounds, rankKey, type Question } from './question.js';
import type { Study } from './study.js';

/** A category column: one small-integer code per respondent (the option's code), -1 when missing. */
export interface CategoryColumn {
  readonly kind: 'category';
  readonly name: string;
  readonly question: string;
  readonly label: Label;
  /** codes the column may hold, with their labels */
  readonly levels: readonly { code: number; label: Label }[];
  /** codes recorded but out of bases ("don't know") */
  readonly outOfBase: readonly number[];
  /**
   * a ranking option's rank: the names of every rank column of its question. The column holds the rank
   * (1 first), 0 when the question was answered without ranking this option, -1 when it was not answered.
   */
  readonly rankOf?: readonly string[];
}

/** A numeric column: NaN when missing. */
export interface NumberColumn {
  readonly kind: 'number';
  readonly name: string;
  readonly question: string;
  readonly label: Label;
}

export interface ColumnLayout {
  readonly categories: readonly CategoryColumn[];
  readonly numbers: readonly NumberColumn[];
  /** column by name */
  readonly byName: ReadonlyMap<string, CategoryColumn | NumberColumn>;
}

const YES_NO = (yes: Label, no: Label) => [
  { code: 0, label: no },
  { code: 1, label: yes },
];
/** A label in every language of `like`, made by `text(lang)`. */
const sameLanguages = (like: Label, text: (lang: string) => string): Label => Object.fromEntries(Object.keys(like).map((lang) => [lang, text(lang)]));

/** An interface word in every language of `like`. */
const word = (like: Label, key: MessageKey): Label => sameLanguages(like, (lang) => t(interfaceLanguage(lang), key));

function columnsOf(q: Question): (CategoryColumn | NumberColumn)[] {
  switch (q.kind) {
    case 'single': {
      const levels = [...q.options, ...(q.other ? [q.other] : [])].map((o) => ({ code: o.code, label: o.label }));
      return [{ kind: 'category', name: q.name, question: q.name, label: q.text, levels, outOfBase: [] }];
    }
    case 'multiple':
      // one dichotomy per option: 1 selected, 0 not, -1 when the question was not answered
      return [...q.options, ...(q.other ? [q.other] : [])].map((o) => ({
        kind: 'category',
        name: `${q.name}_${o.code}`,
        question: q.name,
        label: sameLanguages(q.text, (lang) => `${labelIn(q.text, lang)} — ${labelIn(o.label, lang)}`),
        levels: YES_NO(word(q.text, 'export.level.selected'), word(q.text, 'export.level.notSelected')),
        outOfBase: [],
      }));
    case 'scale': {
      const levels = [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])].map((o) => ({ code: o.code, label: o.label }));
      return [{ kind: 'category', name: q.name, question: q.name, label: q.text, levels, outOfBase: q.dontKnow ? [q.dontKnow.code] : [] }];
    }
    case 'matrix': {
      const levels = [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])].map((o) => ({ code: o.code, label: o.label }));
      return q.items.map((item) => ({
        kind: 'category',
        name: item.name,
        question: q.name,
        label: item.label,
        levels,
        outOfBase: q.dontKnow ? [q.dontKnow.code] : [],
      }));
    }
    case 'consent':
      return [
        { kind: 'category', name: q.name, question: q.name, label: q.text, levels: YES_NO(word(q.text, 'export.level.yes'), word(q.text, 'export.level.no')), outOfBase: [] },
      ];
    case 'number':
      return [{ kind: 'number', name: q.name, question: q.name, label: q.text }];
    case 'numbers':
      return q.items.map((item) => ({ kind: 'number', name: numbersItemKey(q, item), question: q.name, label: item.label }));
    case 'ranking': {
      // one rank per option: 0 "not ranked", then the ranks 1 to the most an answer may rank
      const keys = q.options.map((o) => rankKey(q.name, o.code));
      const ranks = Array.from({ length: rankingBounds(q).max }, (_, k) => ({ code: k + 1, label: sameLanguages(q.text, () => String(k + 1)) }));
      const levels = [{ code: 0, label: sameLanguages(q.text, (lang) => t(interfaceLanguage(lang), 'ranking.notRanked')) }, ...ranks];
      return q.options.map((o, k) => ({
        kind: 'category',
        name: keys[k]!,
        question: q.name,
        label: sameLanguages(q.text, (lang) => `${labelIn(q.text, lang)} — ${labelIn(o.label, lang)}`),
        levels,
        outOfBase: [],
        rankOf: keys,
      }));
    }
    case 'text':
    case 'date':
    case 'textgrid':
    case 'info':
      // kept in the answers (dates as `YYYY-MM-DD`), read from there by exports
      return [];
  }
}

/**
 * The columns a study's answers pack into, in a fixed order: the layout of `packed` responses in the store,
 * of the loaded wave columns and of the exports. Texts, dates and grids of texts are not packed (they stay in the answers).
 */
export function columnLayout(study: Study): ColumnLayout {
  const categories: CategoryColumn[] = [];
  const numbers: NumberColumn[] = [];
  for (const page of study.pages) {
    for (const q of page.questions) {
      for (const column of columnsOf(q)) {
        if (column.kind === 'category') categories.push(column);
        else numbers.push(column);
      }
    }
  }
  const byName = new Map<string, CategoryColumn | NumberColumn>();
  for (const c of [...categories, ...numbers]) byName.set(c.name, c);
  return Object.freeze({ categories, numbers, byName });
}
