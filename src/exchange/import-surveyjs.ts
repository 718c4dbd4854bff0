import { isIsoDate, rankKey, type Condition } from '../study/index.js';
import {
  NameRegistry,
  PRIVACY_PLACEHOLDER,
  finishImport,
  integerCodes,
  studyIdFrom,
  type ImportLoss,
  type QuestionnaireImport,
  type QuestionnaireImportOptions,
} from './questionnaire-import.js';
import { surveyJsCondition, type SurveyJsVariable } from './surveyjs-condition.js';
import { SURVEYJS_DEFAULT_TEXTS, SurveyJsTexts } from './surveyjs-texts.js';

type Json = Record<string, unknown>;
type Label = Record<string, string>;
type Option = { code: number; label: Label; exportCode?: string };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const EXPORT_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const SUPPORTED_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'imagepicker', 'rating', 'matrix', 'boolean', 'text', 'comment', 'ranking', 'multipletext']);
const CHOICE_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'imagepicker']);
const ITEM_KEY = /^[a-z0-9][a-z0-9_]{0,29}$/;
const SHOWN_TO_EVERYONE = 'the question is shown to everyone';

/** Question-level properties the model has no place for: [property, construct, effect, changes who sees what]. */
const QUESTION_PROPERTIES: readonly (readonly [string, string, string, boolean])[] = [
  ['visible', 'hidden question', 'the question, hidden in SurveyJS, is shown to everyone', true],
  ['enableIf', 'enableIf', 'the question can always be answered', false],
  ['requiredIf', 'requiredIf', 'the answer is required only as isRequired says, whatever the other answers', false],
  ['validators', 'validators', 'the answer is not checked by its validators', false],
  ['defaultValue', 'default value', 'the answer starts empty', false],
  ['defaultValueExpression', 'default value', 'the answer starts empty', false],
  ['setValueIf', 'setValueIf', 'the answer is not set from other answers', false],
  ['readOnly', 'read-only question', 'the respondent can change the answer', false],
  ['choicesVisibleIf', 'choicesVisibleIf', 'every option is shown to everyone', true],
  ['choicesEnableIf', 'choicesEnableIf', 'every option can always be chosen', false],
  ['choicesFromQuestion', 'choices from another question', 'the options are not carried from the other question', true],
  ['choicesByUrl', 'choices loaded from a URL', 'the options loaded from the web are not offered', false],
  ['choicesOrder', 'choice order', 'the options keep the order of the file', false],
  ['rowsOrder', 'row order', 'the rows keep the order of the file', false],
  ['rowsVisibleIf', 'rowsVisibleIf', 'every row is shown to everyone', true],
  ['columnsVisibleIf', 'columnsVisibleIf', 'every column is shown to everyone', true],
  ['showCommentArea', 'comment box', 'no comment box follows the question', false],
  ['hasComment', 'comment box', 'no comment box follows the question', false],
  ['minSelectedChoices', 'minimum selections', 'fewer options may be selected', false],
  ['showSelectAllItem', '"select all" item', 'no "select all" option is offered', false],
  ['hasSelectAll', '"select all" item', 'no "select all" option is offered', false],
  ['correctAnswer', 'correct answer', 'the answer is not scored', false],
];

/** A property's value that means "the construct is used" (not its default). */
function used(key: string, value: unknown): boolean {
  if (key === 'visible') return value === false;
  if (value === undefined || value === null || value === '' || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (key === 'choicesOrder' || key === 'rowsOrder') return value !== 'none' && value !== 'initial';
  return true;
}

/**
 * Imports a SurveyJS survey JSON (`pages`, or a root `elements` array as one page) as a study, keeping what
 * the file says: radiogroup / dropdown / checkbox / tagbox / imagepicker choices (`"value|text"` shorthand,
 * strings, numbers or objects; the source values kept as export codes), "other", "none", "refuse" and
 * "don't know" items (exclusive in a multiple choice), rating, matrix, boolean, number and text inputs,
 * comment; ranking (select-to-rank bounds as minRanked / maxRanked), html as an information text, date inputs
 * (plain-day min / max) as a date, multipletext as several numbers (all items numeric) or a one-column grid of
 * texts; random choice / row orders as `randomize`; choicesFromQuestion reading a multiple choice of an
 * earlier page as its options with a carry-forward `filter`; every locale of the file (the survey's `locale` first); `visibleIf` of elements, panels (and-ed
 * into their questions) and pages, read by a real expression parser (`surveyjs-expression.ts`). Each
 * construct left out is an ImportLoss, once; a loss that changes who sees what fails the import unless
 * `acceptLosses`.
 */
export function importSurveyJs(input: unknown, options: QuestionnaireImportOptions = {}): QuestionnaireImport {
  const survey = typeof input === 'string' ? (JSON.parse(input) as unknown) : input;
  if (!isObject(survey)) throw new SyntaxError('importSurveyJs: not a SurveyJS survey (not a JSON object)');
  const rootElements = survey.elements ?? survey.questions;
  if (!Array.isArray(survey.pages) && !Array.isArray(rootElements)) throw new SyntaxError('importSurveyJs: not a SurveyJS survey (no "pages" nor "elements" array)');
  const texts = new SurveyJsTexts(typeof survey.locale === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(survey.locale) ? survey.locale : 'en');
  const warnings: string[] = [];
  const losses: ImportLoss[] = [];
  const lose = (construct: string, where: string, effect: string, changesWhoSees: boolean) => {
    if (!losses.some((l) => l.construct === construct && l.where === where)) losses.push({ construct, where, effect, changesWhoSees });
  };
  const label = (value: unknown, where: string, fallback?: string): Label | undefined =>
    texts.label(value, (text) => {
      const piped = /\{([^}]+)\}/.exec(text);
      if (piped) lose('piped answer in a text', where, `the text shows "{${piped[1]}}" instead of the answer`, false);
    }) ?? (fallback === undefined ? undefined : texts.words({ [texts.defaultLanguage]: fallback }));

  surveyLosses(survey, lose);
  const title =
    label(survey.title, 'survey') ??
    label(isObject((survey.pages as unknown[] | undefined)?.[0]) ? ((survey.pages as Json[])[0].title as unknown) : undefined, 'survey') ??
    texts.words({ en: 'SurveyJS survey', fr: 'Questionnaire SurveyJS' });
  const description = label(survey.description, 'survey') ?? title;
  const names = new NameRegistry();
  const variables = new Map<string, SurveyJsVariable>();
  /** the multiple choices of the pages before the current one (SurveyJS name -> question), and of the current one */
  const earlierMultiples = new Map<string, Json>();
  const pageMultiples = new Map<string, Json>();
  const condition = (expression: unknown, where: string, construct: string, effect: string): Condition | undefined => {
    if (typeof expression !== 'string' || expression.trim() === '') return undefined;
    const mapped = surveyJsCondition(expression, (name) => variables.get(name));
    if (mapped.ok) return mapped.condition;
    lose(construct, where, `${effect} ("${expression.trim()}": ${mapped.reason})`, true);
    return undefined;
  };

  /** The options of a choice list: storage codes, the source values kept as export codes. */
  const choiceOptions = (list: unknown, where: string, codes: Map<string, number>, exclusive?: number[]): Option[] => {
    const items = (Array.isArray(list) ? list : []).map((item) => {
      const object: Json = isObject(item) ? item : { value: item };
      let value = String(object.value ?? '');
      let text: unknown = object.text;
      if (text === undefined && value.includes('|')) [value, text] = [value.slice(0, value.indexOf('|')), value.slice(value.indexOf('|') + 1)];
      if (object.visibleIf) lose('choice visibleIf', `${where} (${value})`, 'the option is shown to everyone', true);
      if (object.enableIf) lose('choice enableIf', `${where} (${value})`, 'the option can always be chosen', false);
      return { value, text, exclusive: object.isExclusive === true };
    });
    const { codes: numbers, renumbered } = integerCodes(items.map((i) => i.value));
    return items.map((item, k) => {
      codes.set(item.value, numbers[k]);
      const option: Option = { code: numbers[k], label: label(item.text, where, item.value)! };
      if (item.exclusive) exclusive?.push(numbers[k]);
      if (renumbered || String(numbers[k]) !== item.value) {
        if (EXPORT_CODE.test(item.value)) option.exportCode = item.value;
        else lose('choice value', `${where} (${item.value})`, `exports and response imports speak code ${numbers[k]} instead of "${item.value}"`, false);
      }
      return option;
    });
  };

  /** The question of an element; null when it is left out with its loss, undefined when its type has no kind. */
  const question = (e: Json, type: string, where: string, inherited: readonly Condition[]): Json | null | undefined => {
    const name = names.name(where, 'q');
    const base: Json = { name, text: label(e.title, where, where)!, required: e.isRequired === true };
    const help = label(e.description, where);
    if (help) base.help = help;
    const codes = new Map<string, number>();
    // carry forward: the options of a multiple choice on an earlier page, kept as chosen (or not) there
    const carried = CHOICE_TYPES.has(type) && typeof e.choicesFromQuestion === 'string' ? earlierMultiples.get(e.choicesFromQuestion) : undefined;
    const carryMode = String(e.choicesFromQuestionMode ?? 'all');
    const carry = carried && ['all', 'selected', 'unselected'].includes(carryMode) ? carried : undefined;
    const mapped = new Set<string>();
    if (carry) mapped.add('choicesFromQuestion');
    if (e.choicesOrder === 'random' && (CHOICE_TYPES.has(type) || type === 'ranking')) mapped.add('choicesOrder');
    if (e.rowsOrder === 'random' && type === 'matrix') mapped.add('rowsOrder');
    if (type === 'ranking') mapped.add('minSelectedChoices');
    if (SUPPORTED_TYPES.has(type))
      for (const [key, construct, effect, changesWhoSees] of QUESTION_PROPERTIES) if (!mapped.has(key) && used(key, e[key])) lose(construct, where, effect, changesWhoSees);
    let variable: SurveyJsVariable = { variable: name, type: 'text', codes };
    let q: Json;
    switch (type) {
      case 'radiogroup':
      case 'dropdown':
      case 'checkbox':
      case 'tagbox':
      case 'imagepicker': {
        const exclusive: number[] = [];
        const options: Option[] = carry ? (carry.options as Option[]).map((o) => ({ ...o })) : choiceOptions(e.choices, where, codes, exclusive);
        if (carry) {
          for (const [value, code] of (variables.get(String(e.choicesFromQuestion))?.codes ?? new Map<string, number>()).entries()) codes.set(value, code);
          exclusive.push(...((carry.exclusive as number[] | undefined) ?? []));
        }
        const multiple = type === 'checkbox' || type === 'tagbox' || (type === 'imagepicker' && e.multiSelect === true);
        if (type === 'imagepicker') lose('image choices', where, 'the options show their text instead of their pictures', false);
        const next = () => Math.max(0, ...options.map((o) => o.code), ...codes.values()) + 1;
        q = { ...base, kind: multiple ? 'multiple' : 'single' };
        if (carry) {
          if (carry.other) q.other = { ...(carry.other as Json) };
          if (carryMode !== 'all') q.filter = { question: carry.name, keep: carryMode === 'selected' ? 'chosen' : 'notChosen' };
        }
        if (e.choicesOrder === 'random') q.randomize = true;
        if (!q.other && (e.showOtherItem === true || e.hasOther === true)) {
          const code = next();
          codes.set('other', code);
          q.other = { code, label: label(e.otherText, where) ?? texts.words(SURVEYJS_DEFAULT_TEXTS.other) };
        }
        const special = [
          ['none', e.showNoneItem === true || e.hasNone === true, e.noneText, SURVEYJS_DEFAULT_TEXTS.none],
          ['refused', e.showRefuseItem === true, e.refuseText, SURVEYJS_DEFAULT_TEXTS.refuse],
          ['dontknow', e.showDontKnowItem === true, e.dontKnowText, SURVEYJS_DEFAULT_TEXTS.dontKnow],
        ] as const;
        for (const [value, shown, text, words] of special) {
          if (!shown) continue;
          const code = next();
          codes.set(value, code);
          options.push({ code, label: label(text, where) ?? texts.words(words), exportCode: value });
          exclusive.push(code);
        }
        q.options = options;
        if (multiple) {
          if (exclusive.length > 0) q.exclusive = exclusive;
          if (typeof e.maxSelectedChoices === 'number' && e.maxSelectedChoices > 0) q.maxSelections = e.maxSelectedChoices;
        } else q.display = type === 'dropdown' ? 'dropdown' : 'radio';
        if (options.length < 2) {
          lose('choice question without choices', where, 'the question is not asked (it has fewer than 2 options)', false);
          return null;
        }
        variable = { variable: name, type: multiple ? 'multiple' : 'choice', codes };
        if (multiple) pageMultiples.set(where, q);
        break;
      }
      case 'ranking': {
        const options = choiceOptions(e.choices, where, codes);
        if (options.length < 2) {
          lose('choice question without choices', where, 'the question is not asked (it has fewer than 2 options)', false);
          return null;
        }
        q = { ...base, kind: 'ranking', options };
        if (e.choicesOrder === 'random') q.randomize = true;
        const bound = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, options.length) : undefined);
        const [min, max] = [bound(e.minSelectedChoices), bound(e.maxSelectedChoices)];
        if (e.selectToRankEnabled === true) {
          // the respondent picks the options to rank: from 1 (or the minimum) to the maximum (or all)
          const least = min ?? 1;
          q.minRanked = least;
          if (max !== undefined && max >= least) q.maxRanked = max;
        } else if (min !== undefined || max !== undefined)
          lose('minimum or maximum ranked', where, 'every option is ranked (SurveyJS bounds them only when the respondent picks the options)', false);
        variable = { variable: name, type: 'unmapped', codes, parts: options.map((o) => rankKey(name, o.code)) };
        break;
      }
      case 'html': {
        const text = label(e.html, where);
        if (!text) {
          lose('html text', where, 'the empty text is not shown', false);
          return null;
        }
        q = { name, kind: 'info', text };
        variable = { variable: name, type: 'none', codes };
        break;
      }
      case 'multipletext': {
        const raw = (Array.isArray(e.items) ? e.items : []).filter(isObject);
        if (raw.length === 0) {
          lose('multiple text question without items', where, 'the question is not asked', false);
          return null;
        }
        const keys = new Set<string>();
        const items = raw.map((item, k) => {
          const value = String(item.name ?? `item${k + 1}`);
          let key =
            value
              .toLowerCase()
              .replace(/[^a-z0-9_]+/g, '_')
              .replace(/^_+/, '')
              .slice(0, 30) || `item${k + 1}`;
          while (keys.has(key) || !ITEM_KEY.test(key)) key = `item${k + 1}${keys.has(`item${k + 1}`) ? `_${keys.size}` : ''}`;
          keys.add(key);
          const built: Json = { name: key, label: label(item.title, where, value)! };
          if (key !== value) {
            if (EXPORT_CODE.test(value)) built.exportCode = value;
            else lose('item name', `${where} (${value})`, `exports speak the item's key ${key} instead of "${value}"`, false);
          }
          if (item.validators !== undefined && used('validators', item.validators)) lose('validators', `${where} (${value})`, 'the answer is not checked by its validators', false);
          if (item.isRequired === true && e.isRequired !== true) lose('required item', `${where} (${value})`, 'the item is optional', false);
          return built;
        });
        const numeric = raw.map((item) => item.inputType === 'number');
        if (numeric.every(Boolean)) {
          q = { ...base, kind: 'numbers', items, integer: raw.every((item) => item.step === undefined || Number.isInteger(Number(item.step))) };
          for (const key of ['min', 'max'] as const) {
            const values = new Set(raw.map((item) => (item[key] === undefined || item[key] === '' ? undefined : Number(item[key]))));
            const [only] = values;
            if (values.size === 1 && only !== undefined && Number.isFinite(only)) q[key] = only;
            else if (values.size > 1 || (only !== undefined && !Number.isFinite(only)))
              lose(`item ${key}`, where, `the items have no common ${key === 'min' ? 'minimum' : 'maximum'}; none is checked`, false);
          }
          variable = { variable: name, type: 'none', codes };
          break;
        }
        if (numeric.some(Boolean)) lose('number item', where, 'the numbers are typed as free texts', false);
        const max = Math.max(0, ...raw.map((item) => Number(item.maxLength)).filter((n) => Number.isInteger(n) && n > 0));
        q = {
          ...base,
          kind: 'textgrid',
          rows: items,
          columns: [{ name: 'text', label: texts.words(SURVEYJS_DEFAULT_TEXTS.answer) }],
          maxLength: max > 0 ? Math.min(max, 1000) : 100,
        };
        variable = { variable: name, type: 'none', codes };
        break;
      }
      case 'rating': {
        let points: Option[];
        if (Array.isArray(e.rateValues) && e.rateValues.length > 0) points = choiceOptions(e.rateValues, where, codes);
        else {
          const step = Number(e.rateStep ?? 1);
          const min = Number(e.rateMin ?? 1);
          const max = e.rateMax === undefined && typeof e.rateCount === 'number' ? min + (e.rateCount - 1) * step : Number(e.rateMax ?? 5);
          const values: number[] = [];
          for (let v = min; v <= max + 1e-9 && values.length < 100; v += step) values.push(Math.round(v * 1e6) / 1e6);
          points = choiceOptions(values, where, codes);
        }
        const ends = [
          [e.minRateDescription, 0],
          [e.maxRateDescription, points.length - 1],
        ] as const;
        for (const [text, k] of ends) {
          const d = label(text, where);
          if (d && points[k])
            points[k].label = texts.words(
              Object.fromEntries(Object.entries(d).map(([lang, t]) => [lang, `${points[k].label[lang] ?? points[k].label[texts.defaultLanguage]} — ${t}`])),
            );
        }
        q = { ...base, kind: 'scale', points };
        variable = { variable: name, type: 'choice', codes };
        break;
      }
      case 'matrix': {
        const points = choiceOptions(e.columns, where, codes);
        const rows = new Map<string, string>();
        const items = (Array.isArray(e.rows) ? e.rows : []).map((r) => {
          const row: Json = isObject(r) ? r : { value: r };
          let value = String(row.value ?? '');
          let text: unknown = row.text;
          if (text === undefined && value.includes('|')) [value, text] = [value.slice(0, value.indexOf('|')), value.slice(value.indexOf('|') + 1)];
          const item: Json = { name: names.name(`${name}_${value}`, 'q'), label: label(text, where, value)! };
          if (item.name !== `${name}_${value}`) {
            if (EXPORT_CODE.test(value)) item.exportCode = value;
            else lose('matrix row value', `${where} (${value})`, `exports speak the row's name ${String(item.name)} instead of "${value}"`, false);
          }
          if (row.visibleIf) lose('row visibleIf', `${where} (${value})`, 'the row is shown to everyone', true);
          rows.set(value, String(item.name));
          return item;
        });
        q = { ...base, kind: 'matrix', items, points, required: e.isAllRowRequired === true || e.eachRowRequired === true };
        if (e.rowsOrder === 'random') q.randomize = true;
        if (e.isRequired === true && q.required !== true) lose('required matrix', where, 'the rows are optional (SurveyJS required at least one)', false);
        variable = { variable: name, type: 'matrix', codes, rows };
        break;
      }
      case 'boolean': {
        const yes = e.valueTrue === undefined ? 'true' : String(e.valueTrue);
        const no = e.valueFalse === undefined ? 'false' : String(e.valueFalse);
        codes.set('true', 1).set('false', 0).set(yes, 1).set(no, 0);
        const option = (code: number, value: string, text: unknown, words: Readonly<Record<string, string>>): Option => ({
          code,
          label: label(text, where) ?? texts.words(words),
          ...(EXPORT_CODE.test(value) ? { exportCode: value } : {}),
        });
        q = {
          ...base,
          kind: 'single',
          display: 'radio',
          options: [option(1, yes, e.labelTrue, SURVEYJS_DEFAULT_TEXTS.yes), option(0, no, e.labelFalse, SURVEYJS_DEFAULT_TEXTS.no)],
        };
        variable = { variable: name, type: 'boolean', codes };
        break;
      }
      case 'text':
      case 'comment': {
        const inputType = type === 'comment' ? 'text' : String(e.inputType ?? 'text');
        if (inputType === 'number' || inputType === 'range') {
          q = { ...base, kind: 'number', integer: e.step === undefined || Number.isInteger(Number(e.step)) };
          for (const key of ['min', 'max'] as const) if (e[key] !== undefined && e[key] !== '' && Number.isFinite(Number(e[key]))) q[key] = Number(e[key]);
          if (inputType === 'range') lose('slider', where, 'the number is typed instead of picked on a slider', false);
          variable = { variable: name, type: 'number', codes };
          break;
        }
        if (inputType === 'date') {
          q = { ...base, kind: 'date' };
          for (const key of ['min', 'max'] as const) {
            if (e[key] === undefined || e[key] === '') continue;
            if (typeof e[key] === 'string' && isIsoDate(e[key])) q[key] = e[key];
            else lose(`date ${key}`, where, `the day is not bounded by "${String(e[key])}"`, false);
          }
          for (const key of ['minValueExpression', 'maxValueExpression'] as const)
            if (used(key, e[key])) lose(`date ${key === 'minValueExpression' ? 'min' : 'max'}`, where, `the day is not bounded by "${String(e[key])}"`, false);
          variable = { variable: name, type: 'date', codes };
          break;
        }
        if (['datetime-local', 'datetime', 'month', 'week', 'time'].includes(inputType)) {
          lose('date input', where, `the ${inputType} is typed as a free text, not picked as a date; conditions on it are not kept`, false);
          variable = { variable: name, type: 'unmapped', codes };
        } else if (!['text', 'email', 'tel', 'url', 'password', 'search'].includes(inputType)) lose('input type', where, `the ${inputType} input is a free text`, false);
        const max = Number(e.maxLength);
        q = { ...base, kind: 'text', multiline: type === 'comment', maxLength: Number.isInteger(max) && max > 0 ? Math.min(max, 10000) : type === 'comment' ? 2000 : 200 };
        break;
      }
      default:
        return undefined;
    }
    const own = condition(e.visibleIf, where, 'visibleIf', SHOWN_TO_EVERYONE);
    const all = [...inherited, ...(own ? [own] : [])];
    if (all.length > 0) q.condition = all.length === 1 ? all[0] : { op: 'and', conditions: all };
    variables.set(where, variable);
    return q;
  };

  const pages: Json[] = [];
  const pageIds = new NameRegistry();
  const sourcePages: Json[] = Array.isArray(survey.pages) ? (survey.pages as unknown[]).filter(isObject) : [{ name: 'page1', elements: rootElements }];
  sourcePages.forEach((page, p) => {
    const pageName = String(page.name ?? `page${p + 1}`);
    const pageCondition = condition(page.visibleIf, `page ${pageName}`, 'page visibleIf', 'the page is shown to everyone');
    if (page.visible === false) lose('hidden page', `page ${pageName}`, 'the page, hidden in SurveyJS, is shown to everyone', true);
    if (used('questionsOrder', page.questionsOrder) && page.questionsOrder !== 'initial' && page.questionsOrder !== 'default')
      lose('question order', `page ${pageName}`, 'the questions keep the order of the file', false);
    const questions: Json[] = [];
    for (const [source, q] of pageMultiples) earlierMultiples.set(source, q);
    pageMultiples.clear();
    const visit = (elements: unknown, inherited: readonly Condition[]) => {
      for (const element of Array.isArray(elements) ? elements.filter(isObject) : []) {
        const type = String(element.type ?? '');
        const where = String(element.name ?? `${pageName}_${questions.length + 1}`);
        if (type === 'panel') {
          const own = condition(element.visibleIf, `panel ${where}`, 'panel visibleIf', "the panel's questions are shown to everyone");
          if (element.visible === false) lose('hidden panel', `panel ${where}`, "the panel's questions, hidden in SurveyJS, are shown to everyone", true);
          if (element.title !== undefined) lose('panel title', `panel ${where}`, "the panel's heading is not shown; its questions follow on the page", false);
          visit(element.elements ?? element.questions, own ? [...inherited, own] : inherited);
          continue;
        }
        const q = question(element, type, where, inherited);
        if (q) questions.push(q);
        else if (q === undefined) unsupported(type, where, lose);
      }
    };
    visit(page.elements ?? page.questions, []);
    if (questions.length === 0) return;
    const pageTitle = label(page.title, `page ${pageName}`) ?? title;
    const built: Json = { id: pageIds.name(pageName, 'p'), title: pageTitle, questions };
    const intro = label(page.description, `page ${pageName}`);
    if (intro) built.intro = intro;
    if (pageCondition) built.condition = pageCondition;
    pages.push(built);
  });
  texts.complete();
  warnings.push('privacy notice: a SurveyJS survey has none; a placeholder is set');
  const document = {
    id: options.studyId ?? studyIdFrom(title.en ?? title[texts.defaultLanguage]),
    version: 1,
    title,
    description,
    languages: texts.languages,
    estimatedMinutes: Math.max(1, Math.min(120, Math.round(pages.reduce((n, p) => n + (p.questions as unknown[]).length, 0) / 3) || 1)),
    privacyNotice: Object.fromEntries(texts.languages.map((l) => [l, (PRIVACY_PLACEHOLDER as Label)[l] ?? PRIVACY_PLACEHOLDER.en])),
    pages,
  };
  return finishImport(document, warnings, losses, options);
}

/** The loss of an element the model has no kind for (yet). */
function unsupported(type: string, where: string, lose: (construct: string, where: string, effect: string, changesWhoSees: boolean) => void): void {
  switch (type) {
    case 'expression':
      return lose('expression', where, 'the computed value is not shown nor stored', false);
    case 'matrixdropdown':
    case 'matrixdynamic':
      // TODO(kinds): numbers and short texts in a grid map to the `kinds` helper's multiple numeric and text grid
      return lose(`${type} question`, where, 'the question is not asked', false);
    default:
      return lose(`${type || 'untyped'} element`, where, type === 'paneldynamic' ? "the panel's questions are not asked" : 'the element is not shown', false);
  }
}

/** Survey-level constructs the model has no place for. */
function surveyLosses(survey: Json, lose: (construct: string, where: string, effect: string, changesWhoSees: boolean) => void): void {
  const triggers = Array.isArray(survey.triggers) ? survey.triggers.filter(isObject) : [];
  for (const trigger of triggers) {
    const type = String(trigger.type ?? '');
    const where = `survey (${String(trigger.expression ?? '')})`;
    if (type === 'complete') lose('complete trigger', where, 'the survey does not end early; every later question is asked', true);
    else if (type === 'skip') lose('skip trigger', where, `the questionnaire does not jump to "${String(trigger.gotoName ?? '')}"`, true);
    else lose(`${type || 'untyped'} trigger`, where, 'answers are not set from other answers', false);
  }
  if (Array.isArray(survey.calculatedValues) && survey.calculatedValues.length > 0) lose('calculated values', 'survey', 'the computed values are not stored', false);
  if (Array.isArray(survey.completedHtmlOnCondition) && survey.completedHtmlOnCondition.length > 0)
    lose('closing text on condition', 'survey', 'every respondent sees the same closing page', false);
  if (Array.isArray(survey.navigateToUrlOnCondition) && survey.navigateToUrlOnCondition.length > 0)
    lose('redirect on condition', 'survey', 'no respondent is sent to another address at the end', false);
  if (typeof survey.navigateToUrl === 'string' && survey.navigateToUrl) lose('redirect', 'survey', 'the respondent is not sent to another address at the end', false);
  if (survey.completedHtml !== undefined) lose('closing text', 'survey', 'the closing page shows the platform’s thanks instead', false);
  if (survey.questionsOrder === 'random') lose('question order', 'survey', 'the questions keep the order of the file', false);
  if (typeof survey.maxTimeToFinish === 'number' && survey.maxTimeToFinish > 0) lose('time limit', 'survey', 'the survey has no time limit', false);
}
