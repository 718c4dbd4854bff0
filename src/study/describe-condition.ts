import { interfaceLanguage, quote, t, type Lang, type MessageKey } from '../messages/index.js';
import type { Condition } from './condition.js';
import { labelIn, type Label, type LanguageTag } from './label.js';
import { matrixItemCodes } from './carry-forward.js';
import type { Option, Question } from './question.js';
import type { Study } from './study.js';

/** What a condition's variable is: the question, and for a matrix item the item's label. */
interface VariableRef {
  readonly question: Question;
  readonly item?: Label;
}

const REFS = new WeakMap<Study, ReadonlyMap<string, VariableRef>>();

function variableRefs(study: Study): ReadonlyMap<string, VariableRef> {
  let refs = REFS.get(study);
  if (refs === undefined) {
    const m = new Map<string, VariableRef>();
    for (const page of study.pages) {
      for (const question of page.questions) {
        m.set(question.name, { question });
        if (question.kind === 'matrix') for (const item of question.items) m.set(item.name, { question, item: item.label });
      }
    }
    REFS.set(study, (refs = m));
  }
  return refs;
}

/** The options whose codes a question (or a matrix item) records, with their labels. */
function optionsOf(question: Question): readonly Option[] {
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return [...question.options, ...(question.other ? [question.other] : [])];
    case 'scale':
    case 'matrix':
      return [...question.points, ...(question.dontKnow ? [question.dontKnow] : [])];
    default:
      return [];
  }
}

/** A comparator's words on a number, then on a date. */
const COMPARISON_KEYS: Readonly<Record<string, readonly [MessageKey, MessageKey]>> = {
  '<': ['condition.lt', 'condition.before'],
  '<=': ['condition.le', 'condition.onOrBefore'],
  '>': ['condition.gt', 'condition.after'],
  '>=': ['condition.ge', 'condition.onOrAfter'],
};

/**
 * A display condition in words, in a study language (`lang`): the questions by their texts (a matrix item as
 * « question — item »), codes by their labels, numbers and dates as the language writes them, and the
 * interface's words from the messages of that language (English for a language without a catalogue).
 * And inside or (and or inside and) is put in parentheses; a chain of the same operator is not.
 *
 * @example describeCondition(study, { op: 'compare', question: 'age', comparator: '>=', value: 18 }, 'fr')
 * // '« Âge » vaut au moins 18'
 */
export function describeCondition(study: Study, condition: Condition, lang: LanguageTag): string {
  const ui = interfaceLanguage(lang);
  const refs = variableRefs(study);
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 20 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const list = (values: readonly string[]) => new Intl.ListFormat(lang, { type: 'disjunction' }).format(values);

  const questionWords = (variable: string): string => {
    const ref = refs.get(variable);
    if (!ref) return quote(ui, variable);
    const text = labelIn(ref.question.text, lang);
    return quote(ui, ref.item ? `${text} — ${labelIn(ref.item, lang)}` : text);
  };
  const codeWords = (variable: string, code: number): string => {
    const ref = refs.get(variable);
    const option = ref && optionsOf(ref.question).find((o) => o.code === code);
    return option ? quote(ui, labelIn(option.label, lang)) : number.format(code);
  };
  const isMultiple = (variable: string) => refs.get(variable)?.question.kind === 'multiple';
  const isChoice = (variable: string) => {
    const ref = refs.get(variable);
    return ref !== undefined && optionsOf(ref.question).length > 0;
  };

  const say = (c: Condition, parent?: 'and' | 'or'): string => {
    switch (c.op) {
      case 'equals':
      case 'in': {
        const values = (c.op === 'equals' ? [c.value] : c.values).map((v) => codeWords(c.question, v));
        return t(ui, isMultiple(c.question) ? 'condition.includes' : 'condition.is', { question: questionWords(c.question), value: list(values) });
      }
      case 'answered':
        return t(ui, 'condition.answered', { question: questionWords(c.question) });
      case 'empty':
        return t(ui, 'condition.empty', { question: questionWords(c.question) });
      case 'compare': {
        const question = questionWords(c.question);
        if (c.comparator === '!=') {
          const value =
            typeof c.value === 'string' ? date.format(new Date(`${c.value}T00:00:00Z`)) : isChoice(c.question) ? codeWords(c.question, c.value) : number.format(c.value);
          return t(ui, isMultiple(c.question) ? 'condition.excludes' : 'condition.isNot', { question, value });
        }
        const [numberKey, dateKey] = COMPARISON_KEYS[c.comparator]!;
        if (typeof c.value === 'string') return t(ui, dateKey, { question, value: date.format(new Date(`${c.value}T00:00:00Z`)) });
        return t(ui, numberKey, { question, value: number.format(c.value) });
      }
      case 'not': {
        const inner = c.condition;
        // the usual negations read better said directly
        if (inner.op === 'answered') return t(ui, 'condition.empty', { question: questionWords(inner.question) });
        if (inner.op === 'empty') return t(ui, 'condition.answered', { question: questionWords(inner.question) });
        if (inner.op === 'equals' || inner.op === 'in') {
          const values = (inner.op === 'equals' ? [inner.value] : inner.values).map((v) => codeWords(inner.question, v));
          return t(ui, isMultiple(inner.question) ? 'condition.excludes' : 'condition.isNot', { question: questionWords(inner.question), value: list(values) });
        }
        return t(ui, 'condition.not', { condition: group(say(inner), inner) });
      }
      case 'and':
      case 'or': {
        const parts = c.conditions.map((inner) => say(inner, c.op));
        const joined = parts.reduce((left, right) => t(ui, c.op === 'and' ? 'condition.and' : 'condition.or', { left, right }));
        return parent !== undefined && parent !== c.op && c.conditions.length > 1 ? t(ui, 'condition.group', { condition: joined }) : joined;
      }
    }
  };
  const group = (text: string, inner: Condition) =>
    (inner.op === 'and' || inner.op === 'or') && inner.conditions.length > 1 ? t(ui, 'condition.group', { condition: text }) : text;
  return say(condition);
}

/**
 * Who is asked a question, in words, one sentence per rule that applies: its page's condition ("On a page
 * shown if …"), its own ("Shown if …") and a carry forward ("Options limited to those chosen in …"; for one
 * item of a matrix, given as `variable`, the option it stands for: "Shown if « Brands » includes « Alpha »").
 * Empty when every respondent who reaches the question is asked it.
 */
export function describeDisplay(study: Study, question: Question, lang: LanguageTag, variable?: string): string[] {
  const ui: Lang = interfaceLanguage(lang);
  const out: string[] = [];
  const page = study.pages.find((p) => p.questions.some((q) => q.name === question.name));
  if (page?.condition) out.push(t(ui, 'condition.pageShownIf', { condition: describeCondition(study, page.condition, lang) }));
  if (question.condition) out.push(t(ui, 'condition.shownIf', { condition: describeCondition(study, question.condition, lang) }));
  if ((question.kind === 'single' || question.kind === 'multiple' || question.kind === 'matrix') && question.filter) {
    const source = study.pages.flatMap((p) => p.questions).find((q) => q.name === question.filter!.question);
    const item = question.kind === 'matrix' && source?.kind === 'multiple' ? question.items.findIndex((i) => i.name === variable) : -1;
    const code = item >= 0 && question.kind === 'matrix' && source?.kind === 'multiple' ? matrixItemCodes(question, source)[item] : undefined;
    if (code !== undefined) {
      const chosen: Condition = { op: 'equals', question: question.filter.question, value: code };
      const condition: Condition = question.filter.keep === 'chosen' ? chosen : { op: 'not', condition: chosen };
      out.push(t(ui, 'condition.shownIf', { condition: describeCondition(study, condition, lang) }));
      return out;
    }
    const words = quote(ui, source ? labelIn(source.text, lang) : question.filter.question);
    const key = `condition.carry.${question.kind === 'matrix' ? 'items.' : ''}${question.filter.keep}` as MessageKey;
    out.push(t(ui, key, { question: words }));
  }
  return out;
}
