import type { Condition } from '../study/index.js';
import { ZLanguageTag } from '../study/label.js';
import { ZExportCode } from '../study/question.js';
import {
  NameRegistry,
  PRIVACY_PLACEHOLDER,
  finishImport,
  integerCodes,
  plainText,
  studyIdFrom,
  type ImportLoss,
  type QuestionnaireImport,
  type QuestionnaireImportOptions,
} from './questionnaire-import.js';
import { constraintBounds, exclusiveChoices, relevantCondition, type XlsFormTarget } from './xlsform-expression.js';

// The XLSForm importer (the spreadsheet format of ODK and KoboToolbox):
//
//   .xlsx ──readXlsFormWorkbook (read-xlsform-workbook.ts, exceljs)──▶ the survey, choices and settings sheets as rows
//     ──importXlsFormSheets──▶ top-level groups become pages (questions outside groups make pages of their own),
//        nested groups are flattened with their `relevant` and-ed into their questions', a `table-list` group of
//        select_one on one list becomes a matrix; `label::lang` columns give every language of the form
//     ──finishImport──▶ validated study, warnings and losses

/** One row of a sheet: its number in the workbook (1 is the header) and its cells by column header. */
export interface XlsFormRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** The three sheets of an XLSForm; `choices` and `settings` may be empty. */
export interface XlsFormSheets {
  readonly survey: readonly XlsFormRow[];
  readonly choices: readonly XlsFormRow[];
  readonly settings: readonly XlsFormRow[];
}

/** A form that is not a readable XLSForm: the sheet, row and column at fault. */
export class XlsFormError extends SyntaxError {}

/** Language names XLSForm authors write in `label::English` columns, to their BCP 47 tags. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  anglais: 'en',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  german: 'de',
  deutsch: 'de',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  dutch: 'nl',
  nederlands: 'nl',
  italian: 'it',
  italiano: 'it',
  portuguese: 'pt',
  português: 'pt',
  portugues: 'pt',
  arabic: 'ar',
  swahili: 'sw',
  kiswahili: 'sw',
  chinese: 'zh',
  russian: 'ru',
  polish: 'pl',
  turkish: 'tr',
  hindi: 'hi',
  bengali: 'bn',
  japanese: 'ja',
  korean: 'ko',
  vietnamese: 'vi',
  indonesian: 'id',
  amharic: 'am',
  hausa: 'ha',
  somali: 'so',
  kinyarwanda: 'rw',
  nepali: 'ne',
  urdu: 'ur',
  persian: 'fa',
  ukrainian: 'uk',
  romanian: 'ro',
  swedish: 'sv',
  danish: 'da',
  finnish: 'fi',
  greek: 'el',
  czech: 'cs',
  hungarian: 'hu',
};

/** The language tag of a column suffix: `English (en)`, `en`, `English`; null when it cannot be told. */
export function xlsFormLanguage(suffix: string): string | null {
  const text = suffix.trim();
  const coded = /\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*\)\s*$/.exec(text);
  const candidate = coded ? coded[1]! : text;
  const lower = candidate.split('-')[0]!.toLowerCase() + candidate.slice(candidate.split('-')[0]!.length);
  if (ZLanguageTag.safeParse(lower).success) return lower;
  return LANGUAGE_NAMES[text.toLowerCase()] ?? null;
}

const TEXT_COLUMNS = ['label', 'hint', 'constraint_message', 'required_message', 'guidance_hint'];
const KNOWN_COLUMNS = new Set([
  'type',
  'name',
  'label',
  'hint',
  'required',
  'relevant',
  'constraint',
  'constraint_message',
  'appearance',
  'choice_filter',
  'parameters',
  'default',
  'read_only',
  'calculation',
  'repeat_count',
  'required_message',
  'guidance_hint',
  'trigger',
  'media',
  'image',
  'audio',
  'video',
  'bind',
  'instance',
  'body',
]);
const METADATA_RECORDED = new Set(['start', 'end', 'today']);
const METADATA_OTHER = new Set(['deviceid', 'username', 'phonenumber', 'simserial', 'subscriberid', 'email', 'audit', 'start-geopoint', 'background-audio', 'uri:deviceid']);
const LEFT_OUT_TYPES = new Set([
  'geopoint',
  'geotrace',
  'geoshape',
  'image',
  'audio',
  'video',
  'file',
  'barcode',
  'time',
  'datetime',
  'background-geopoint',
  'xml-external',
  'csv-external',
]);

const split = (header: string): { base: string; lang: string | null } => {
  const k = header.indexOf('::');
  return k < 0 ? { base: header.trim().toLowerCase(), lang: null } : { base: header.slice(0, k).trim().toLowerCase(), lang: header.slice(k + 2).trim() };
};

const isYes = (value: string) => /^(yes|true|true\(\)|1)$/i.test(value.trim());
const isNo = (value: string) => value.trim() === '' || /^(no|false|false\(\)|0)$/i.test(value.trim());

/**
 * Imports an XLSForm read into sheets as a study. Types: select_one / select_multiple (with `or_other`,
 * `minimal` as a dropdown, `likert` as a scale, exclusive choices from the usual `not(selected(., 'x') and
 * count-selected(.) > 1)` constraint), integer, decimal and range (bounds from `. >= a and . <= b`), text
 * (`multiline`), acknowledge; `relevant` as display conditions (see xlsform-expression.ts); choice names kept
 * as export codes. What cannot be kept is a loss; losses that change who sees what fail the import unless accepted.
 */
export function importXlsFormSheets(sheets: XlsFormSheets, options: QuestionnaireImportOptions = {}): QuestionnaireImport {
  const warnings: string[] = [];
  const losses: ImportLoss[] = [];
  const lose = (construct: string, where: string, effect: string, changesWhoSees = false) => losses.push({ construct, where, effect, changesWhoSees });

  // settings
  const settings: Record<string, string> = {};
  for (const row of sheets.settings.slice(0, 1)) for (const [k, v] of Object.entries(row.cells)) settings[split(k).base] = v;

  // languages: every suffix of a text column, the default one first
  const columnLanguage = new Map<string, string>();
  const languages: string[] = [];
  const addLanguage = (tag: string) => {
    if (!languages.includes(tag)) languages.push(tag);
  };
  const suffixed: string[] = [];
  for (const [sheet, rows] of [
    ['survey', sheets.survey],
    ['choices', sheets.choices],
  ] as const) {
    const headers = new Set(rows.flatMap((r) => Object.keys(r.cells)));
    for (const header of headers) {
      const { base, lang } = split(header);
      if (lang === null || !TEXT_COLUMNS.includes(base)) continue;
      const tag = xlsFormLanguage(lang);
      if (!tag) throw new XlsFormError(`${sheet} sheet, column "${header}": cannot tell its language; write it as ${base}::Name (tag), e.g. ${base}::English (en)`);
      columnLanguage.set(lang, tag);
      if (!suffixed.includes(tag)) suffixed.push(tag);
    }
  }
  let defaultTag: string;
  if (settings.default_language?.trim()) {
    const tag = xlsFormLanguage(settings.default_language);
    if (!tag) throw new XlsFormError(`settings sheet, default_language "${settings.default_language}": cannot tell the language; write it as Name (tag), e.g. English (en)`);
    defaultTag = tag;
  } else if (suffixed.length > 0) {
    defaultTag = suffixed[0]!;
  } else {
    defaultTag = 'en';
    warnings.push('settings: no default_language and no label::language column; the texts are taken as English (en)');
  }
  addLanguage(defaultTag);
  for (const tag of suffixed) addLanguage(tag);

  /** A label in every language of the form from the `base` columns of a row; missing languages copy the default one. */
  const textOf = (cells: Readonly<Record<string, string>>, base: string): Record<string, string> | null => {
    const found: Record<string, string> = {};
    for (const [header, value] of Object.entries(cells)) {
      const column = split(header);
      if (column.base !== base || !value.trim()) continue;
      const tag = column.lang === null ? defaultTag : columnLanguage.get(column.lang)!;
      if (column.lang === null && found[tag] !== undefined) continue; // label::default-language wins over label
      found[tag] = plainText(value.replace(/\*\*(.+?)\*\*/g, '$1').replace(/(^|\s)_(.+?)_(\s|$)/g, '$1$2$3'));
    }
    const fallback = found[defaultTag] ?? Object.values(found)[0];
    if (fallback === undefined) return null;
    const label: Record<string, string> = {};
    for (const tag of languages) label[tag] = found[tag] ?? fallback;
    return label;
  };
  const sameText = (text: string): Record<string, string> => Object.fromEntries(languages.map((l) => [l, text]));

  // choices by list
  const lists = new Map<string, { name: string; label: Record<string, string>; row: number }[]>();
  for (const row of sheets.choices) {
    const listName = (row.cells.list_name ?? row.cells['list name'] ?? '').trim();
    const name = (row.cells.name ?? '').trim();
    if (!listName && !name) continue;
    if (!listName || !name) throw new XlsFormError(`choices sheet, row ${row.row}: a choice needs a list_name and a name`);
    const list = lists.get(listName) ?? [];
    if (list.some((c) => c.name === name)) throw new XlsFormError(`choices sheet, row ${row.row}: list "${listName}" has the choice "${name}" twice`);
    list.push({ name, label: textOf(row.cells, 'label') ?? sameText(name), row: row.row });
    lists.set(listName, list);
  }

  const names = new NameRegistry();
  const targets = new Map<string, XlsFormTarget>();
  const lookup = (name: string) => targets.get(name);

  const choiceOptions = (listName: string, where: string) => {
    const list = lists.get(listName);
    if (!list || list.length === 0) throw new XlsFormError(`${where}: the choice list "${listName}" is not in the choices sheet`);
    const { codes } = integerCodes(list.map((c) => c.name));
    const codeMap = new Map<string, number>();
    const built = list.map((c, k) => {
      codeMap.set(c.name, codes[k]!);
      const option: Record<string, unknown> = { code: codes[k], label: c.label };
      if (c.name !== String(codes[k])) {
        if (ZExportCode.safeParse(c.name).success) option.exportCode = c.name;
        else lose('choice name', `${where}, choice "${c.name}"`, `exports show the code ${codes[k]} instead of "${c.name}" (an export code is letters, digits, _ . -)`);
      }
      return option;
    });
    return { built, codeMap };
  };

  interface Group {
    readonly name: string;
    readonly condition: Condition | undefined;
    readonly topLevel: boolean;
    readonly tableList: boolean;
    readonly label: Record<string, string> | null;
  }
  const pages: Record<string, unknown>[] = [];
  let page: { id: string; title: Record<string, string>; condition?: Condition; questions: Record<string, unknown>[]; group: boolean } | null = null;
  const stack: Group[] = [];
  let tableRows: XlsFormRow[] | null = null;
  const closePage = () => {
    if (!page) return;
    if (page.questions.length > 0) {
      const { group: _group, ...rest } = page;
      pages.push(rest);
    } else lose('empty page', page.id, 'the page has no question left and is not shown');
    page = null;
  };
  const formTitle = settings.form_title?.trim() || settings.form_id?.trim() || 'XLSForm';
  const openPage = (id: string, title: Record<string, string>, group: boolean, condition?: Condition) => {
    closePage();
    page = { id: names.name(`p_${id}`, 'p'), title, questions: [], group, ...(condition ? { condition } : {}) };
  };
  const conditionFor = (relevant: string, where: string, construct = 'relevant'): Condition | undefined | null => {
    if (!relevant.trim()) return undefined;
    const mapped = relevantCondition(relevant, lookup);
    if (mapped.ok) return mapped.condition;
    lose(construct, where, `"${relevant}" ${mapped.reason}; the ${construct === 'group relevant' ? 'page' : 'question'} is shown to everyone`, true);
    return null;
  };
  const inherited = (): Condition[] =>
    stack
      .filter((g) => !g.topLevel)
      .map((g) => g.condition)
      .filter((c): c is Condition => c !== undefined);
  const join = (conditions: Condition[]): Condition | undefined => (conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { op: 'and', conditions });

  const addQuestion = (question: Record<string, unknown>) => {
    if (!page) openPage(`page_${pages.length + 1}`, sameText(formTitle), false);
    page!.questions.push(question);
  };

  const flushTable = (group: Group, label: Record<string, string> | null) => {
    const rows = tableRows ?? [];
    tableRows = null;
    const types = rows.map((r) => r.cells.type!.trim().split(/\s+/));
    const lists = new Set(types.map((t) => t[1]));
    const matrixable = rows.length >= 2 && types.every((t) => t[0] === 'select_one' && t.length === 2) && lists.size === 1 && rows.every((r) => !(r.cells.relevant ?? '').trim());
    if (!matrixable) {
      // plain questions after all: read them inside their group, whose relevant they inherit
      stack.push(group);
      for (const r of rows) question(r);
      stack.pop();
      return;
    }
    const where = `group "${group.name}"`;
    const { built, codeMap } = choiceOptions([...lists][0]!, where);
    const name = names.name(group.name, 'q');
    const items = rows.map((r) => {
      const source = r.cells.name!.trim();
      const item: Record<string, unknown> = { name: names.name(source, 'q'), label: textOf(r.cells, 'label') ?? sameText(source) };
      if (ZExportCode.safeParse(source).success) item.exportCode = source;
      targets.set(source, { name: item.name as string, kind: 'single', codes: codeMap });
      return item;
    });
    // the group is off the stack by now: its own relevant (when not the page's) applies to the matrix
    const condition = join([...inherited(), ...(group.condition && !group.topLevel ? [group.condition] : [])]);
    addQuestion({
      name,
      kind: 'matrix',
      text: label ?? sameText(group.name),
      required: rows.every((r) => isYes(r.cells.required ?? '')),
      items,
      points: built,
      ...(condition ? { condition } : {}),
    });
  };

  const question = (row: XlsFormRow): void => {
    const cells = row.cells;
    const type = cells.type!.trim().split(/\s+/);
    const source = (cells.name ?? '').trim();
    const where = `survey row ${row.row} ("${source}")`;
    const kind = type[0]!.toLowerCase();
    if (METADATA_RECORDED.has(kind)) {
      warnings.push(`${where}: ${kind} is recorded by Baromètre itself (each response's start and completion dates)`);
      return;
    }
    if (METADATA_OTHER.has(kind)) return void lose('metadata', where, `${kind} is not recorded`);
    if (!source) throw new XlsFormError(`survey sheet, row ${row.row}: a question needs a name`);
    const leaveOut = (construct: string, effect: string) => {
      targets.set(source, { name: source, kind: 'other', codes: new Map() });
      lose(construct, where, effect);
    };
    if (kind === 'calculate' || kind === 'hidden') return leaveOut(kind, 'its value is not computed or stored (respondents see no difference)');
    if (LEFT_OUT_TYPES.has(kind) || kind.endsWith('_from_file')) return leaveOut(`type ${kind}`, 'the question is not asked');

    const name = names.name(source, 'q');
    const label = textOf(cells, 'label');
    if (!label && kind !== 'acknowledge') warnings.push(`${where}: no label; its name is shown instead`);
    const q: Record<string, unknown> = { name, text: label ?? sameText(source) };
    const parameters = Object.fromEntries(
      (cells.parameters ?? '')
        .split(/[\s;,]+/)
        .filter(Boolean)
        .map((p) => p.split('=') as [string, string]),
    );
    const parametersRead = new Set<string>();
    const hint = textOf(cells, 'hint');
    if (hint) q.help = hint;
    const required = cells.required ?? '';
    if (isYes(required)) q.required = true;
    else {
      q.required = false;
      if (!isNo(required)) lose('required expression', where, `required only when "${required}": the question is always optional`);
    }
    const condition = conditionFor(cells.relevant ?? '', where);
    const all = [...inherited(), ...(condition ? [condition] : [])];
    if (all.length > 0) q.condition = join(all);
    const appearance = (cells.appearance ?? '').toLowerCase();
    const constraint = (cells.constraint ?? '').trim();
    const constraintLost = () => lose('constraint', where, `"${constraint}" is not checked`);

    if (kind === 'note') {
      // a text between questions: no answer, so no `required` either
      delete q.required;
      Object.assign(q, { kind: 'info' });
      targets.set(source, { name, kind: 'other', codes: new Map() });
    } else if (kind === 'rank') {
      const listName = type[1];
      if (!listName) throw new XlsFormError(`survey sheet, row ${row.row}: rank needs a choice list name`);
      Object.assign(q, { kind: 'ranking', options: choiceOptions(listName, where).built });
      if (parameters.randomize === 'true') q.randomize = true;
      parametersRead.add('randomize');
      if (constraint) constraintLost();
      targets.set(source, { name, kind: 'other', codes: new Map() });
    } else if (kind === 'date') {
      Object.assign(q, { kind: 'date' });
      if (constraint) {
        const bounds = constraintBounds(constraint, true);
        if (bounds) Object.assign(q, bounds);
        else constraintLost();
      }
      targets.set(source, { name, kind: 'date', codes: new Map() });
    } else if (kind === 'select_one' || kind === 'select_multiple') {
      const listName = type[1];
      if (!listName) throw new XlsFormError(`survey sheet, row ${row.row}: ${kind} needs a choice list name`);
      const { built, codeMap } = choiceOptions(listName, where);
      const orOther = type.slice(2).join(' ').toLowerCase() === 'or_other';
      if (type.length > 2 && !orOther) throw new XlsFormError(`survey sheet, row ${row.row}: unknown type "${cells.type}"`);
      if ((cells.choice_filter ?? '').trim()) lose('choice_filter', where, `"${cells.choice_filter}" is left out: every choice is shown to everyone`, true);
      if (kind === 'select_one' && appearance.includes('likert') && !orOther) {
        Object.assign(q, { kind: 'scale', points: built });
      } else {
        Object.assign(q, { kind: kind === 'select_one' ? 'single' : 'multiple', options: built });
        if (parameters.randomize === 'true') q.randomize = true;
        parametersRead.add('randomize');
        if (kind === 'select_one' && /\b(minimal|autocomplete|search)\b/.test(appearance)) q.display = 'dropdown';
        if (orOther) {
          const code = Math.max(...(built.map((o) => o.code) as number[])) + 1;
          q.other = { code, label: sameText('Other'), exportCode: 'other' };
          codeMap.set('other', code);
          warnings.push(`${where}: the "other" option is labelled "Other" in every language, as XLSForm does; translate it if needed`);
        }
      }
      if (constraint) {
        const exclusive = kind === 'select_multiple' ? exclusiveChoices(constraint) : null;
        if (exclusive && exclusive.every((c) => codeMap.has(c))) q.exclusive = exclusive.map((c) => codeMap.get(c));
        else constraintLost();
      }
      targets.set(source, { name, kind: kind === 'select_one' ? 'single' : 'multiple', codes: codeMap });
    } else if (kind === 'integer' || kind === 'decimal' || kind === 'range') {
      Object.assign(q, { kind: 'number', integer: kind === 'integer' });
      if (kind === 'range') {
        for (const key of ['start', 'end', 'step']) parametersRead.add(key);
        const [start, end, step] = [Number(parameters.start ?? 1), Number(parameters.end ?? 10), Number(parameters.step ?? 1)];
        Object.assign(q, { min: Math.min(start, end), max: Math.max(start, end), integer: Number.isInteger(start) && Number.isInteger(step) });
      }
      if (constraint) {
        const bounds = constraintBounds(constraint);
        if (bounds) Object.assign(q, bounds);
        else constraintLost();
      }
      targets.set(source, { name, kind: 'number', codes: new Map() });
    } else if (kind === 'text') {
      Object.assign(q, { kind: 'text', multiline: appearance.includes('multiline') });
      if (constraint) constraintLost();
      targets.set(source, { name, kind: 'text', codes: new Map() });
    } else if (kind === 'acknowledge') {
      Object.assign(q, { kind: 'consent' });
      if (constraint) constraintLost();
      targets.set(source, { name, kind: 'other', codes: new Map() });
    } else {
      names.reserve(name);
      return leaveOut(`type ${kind}`, 'the question is not asked (unknown type)');
    }
    for (const column of ['default', 'read_only', 'calculation', 'trigger']) {
      if ((cells[column] ?? '').trim()) lose(column, where, `"${cells[column]}" is left out`);
    }
    const unread = Object.keys(parameters).filter((key) => !parametersRead.has(key));
    if (unread.length > 0) lose('parameters', where, `${unread.map((key) => `${key}=${parameters[key]}`).join(' ')} left out`);
    const piped = Object.values(label ?? {}).find((t) => /\$\{[^}]+\}/.test(t));
    if (piped) lose('answer piped into a label', where, `the label shows "${/\$\{[^}]+\}/.exec(piped)![0]}" literally`);
    addQuestion(q);
  };

  for (const header of new Set(sheets.survey.flatMap((r) => Object.keys(r.cells)))) {
    const { base } = split(header);
    if (!KNOWN_COLUMNS.has(base)) warnings.push(`survey sheet: the column "${header}" is not read`);
  }

  let repeatDepth = 0;
  for (const row of sheets.survey) {
    const type = (row.cells.type ?? '').trim().toLowerCase().replace(/_/g, ' ');
    if (!type) continue;
    if (repeatDepth > 0) {
      if (type === 'begin repeat') repeatDepth++;
      if (type === 'end repeat') repeatDepth--;
      continue;
    }
    if (type === 'begin repeat') {
      repeatDepth = 1;
      lose('repeat', `survey row ${row.row} ("${row.cells.name ?? ''}")`, 'the repeated questions are not asked');
      continue;
    }
    if (type === 'end repeat') throw new XlsFormError(`survey sheet, row ${row.row}: end repeat without begin repeat`);
    if (type === 'begin group') {
      const name = (row.cells.name ?? '').trim() || `group_${row.row}`;
      const topLevel = stack.length === 0;
      const where = `survey row ${row.row} (group "${name}")`;
      const condition = conditionFor(row.cells.relevant ?? '', where, 'group relevant') ?? undefined;
      const label = textOf(row.cells, 'label');
      const group: Group = { name, condition, topLevel, tableList: (row.cells.appearance ?? '').toLowerCase().includes('table-list'), label };
      if (topLevel) openPage(name, label ?? sameText(name), true, condition);
      stack.push(group);
      if (group.tableList) tableRows = [];
      continue;
    }
    if (type === 'end group') {
      const group = stack.pop();
      if (!group) throw new XlsFormError(`survey sheet, row ${row.row}: end group without begin group`);
      if (group.tableList) flushTable(group, group.label);
      if (group.topLevel) closePage();
      continue;
    }
    if (tableRows) tableRows.push(row);
    else question(row);
  }
  if (repeatDepth > 0) throw new XlsFormError('survey sheet: a begin repeat is not closed');
  if (stack.length > 0) throw new XlsFormError(`survey sheet: the group "${stack[stack.length - 1]!.name}" is not closed (end group)`);
  closePage();

  warnings.push('privacy notice: an XLSForm has none; a placeholder is set');
  const title = sameText(formTitle);
  const questionCount = pages.reduce((n, p) => n + (p.questions as unknown[]).length, 0);
  const document = {
    id: options.studyId ?? studyIdFrom(settings.form_id?.trim() || formTitle),
    version: 1,
    title,
    description: title,
    languages,
    estimatedMinutes: Math.max(1, Math.min(120, Math.round(questionCount / 3) || 1)),
    privacyNotice: Object.fromEntries(languages.map((l) => [l, PRIVACY_PLACEHOLDER[l.split('-')[0]!] ?? PRIVACY_PLACEHOLDER.en!])),
    pages,
  };
  return finishImport(document, warnings, losses, options);
}
