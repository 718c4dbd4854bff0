import type { Condition } from '../study/index.js';
import { NameRegistry, PRIVACY_PLACEHOLDER, bilingual, finishImport, integerCodes, plainText, studyIdFrom, type QuestionnaireImport } from './questionnaire-import.js';

type Json = Record<string, unknown>;
type Localized = string | Record<string, string> | undefined;

interface Mapped {
  name: string;
  kind: 'single' | 'multiple' | 'scale' | 'boolean' | 'other';
  /** SurveyJS value (as text) -> our code */
  codes: Map<string, number>;
}

const SUPPORTED = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'rating', 'matrix', 'text', 'comment', 'boolean', 'panel']);

/**
 * Reads a `visibleIf` expression of the common subset: `{q} = value` (or `==`), `{q} contains value` and
 * `{q} anyof [..]` on choices, `{q} notempty`, joined by one kind of `and` / `or`. Null when outside it.
 */
function visibleIfCondition(expression: string, mapped: ReadonlyMap<string, Mapped>): Condition | null {
  const parts = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .split(/\s+(and|or)\s+/i);
  const ops = parts.filter((_, k) => k % 2 === 1).map((o) => o.toLowerCase());
  if (new Set(ops).size > 1) return null;
  const terms: Condition[] = [];
  const codeOf = (q: Mapped, raw: string): number | undefined => {
    const value = raw.trim().replace(/^['"](.*)['"]$/, '$1');
    if (q.kind === 'boolean') return value === 'true' ? 1 : value === 'false' ? 0 : undefined;
    return q.codes.get(value);
  };
  for (const raw of parts.filter((_, k) => k % 2 === 0)) {
    const term = raw
      .trim()
      .replace(/^\((.*)\)$/s, '$1')
      .trim();
    const m = /^\{([^}]+)\}\s*(=|==|contains|anyof|notempty)\s*(.*)$/i.exec(term);
    const q = m ? mapped.get(m[1]) : undefined;
    if (!m || !q || q.kind === 'other') return null;
    const op = m[2].toLowerCase();
    if (op === 'notempty') {
      if (m[3].trim() !== '') return null;
      terms.push({ op: 'answered', question: q.name });
    } else if (op === 'anyof') {
      const values = /^\[(.*)\]$/
        .exec(m[3].trim())?.[1]
        .split(',')
        .map((v) => codeOf(q, v));
      if (!values || values.some((v) => v === undefined)) return null;
      terms.push({ op: 'in', question: q.name, values: values as number[] });
    } else {
      if (op === 'contains' && q.kind !== 'multiple') return null;
      const code = codeOf(q, m[3]);
      if (code === undefined) return null;
      terms.push({ op: 'equals', question: q.name, value: code });
    }
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? terms[0] : { op: ops[0] as 'and' | 'or', conditions: terms };
}

/**
 * Imports a SurveyJS survey JSON as a study: pages, radiogroup / dropdown / checkbox / tagbox choices (with
 * "other"), rating, matrix, boolean, number and text inputs, comment; panels are flattened into their page;
 * `visibleIf` expressions of the common subset become display conditions. Every construct left out (other
 * element types, "none" items, validators, triggers, calculated values, complex expressions) is listed as a
 * warning. The study is validated by validateStudy.
 */
export function importSurveyJs(input: unknown, options: { studyId?: string } = {}): QuestionnaireImport {
  const survey = (typeof input === 'string' ? JSON.parse(input) : input) as Json;
  if (!survey || typeof survey !== 'object' || !Array.isArray(survey.pages)) throw new SyntaxError('importSurveyJs: not a SurveyJS survey (no "pages" array)');
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const locale = typeof survey.locale === 'string' ? survey.locale : 'en';
  const texts = (value: Localized): Record<string, string> => {
    if (value === undefined) return {};
    if (typeof value === 'string') return { [locale]: plainText(value) };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) out[k === 'default' ? locale : k] = plainText(String(v));
    return out;
  };
  for (const key of ['triggers', 'calculatedValues', 'completedHtmlOnCondition', 'navigateToUrlOnCondition']) {
    if (Array.isArray(survey[key]) && (survey[key] as unknown[]).length > 0) warn(`${key}: left out`);
  }
  const title = bilingual(texts(survey.title as Localized), 'survey title', warn, 'SurveyJS');
  const names = new NameRegistry();
  const mapped = new Map<string, Mapped>();

  const question = (e: Json, where: string): Json | null => {
    const type = String(e.type);
    const name = names.name(String(e.name ?? ''), 'q');
    const text = bilingual(texts((e.title ?? e.name) as Localized), where, warn, String(e.name));
    const base: Json = { name, text, required: e.isRequired === true };
    if (e.description) base.help = bilingual(texts(e.description as Localized), `${where} description`, warn);
    const entry: Mapped = { name, kind: 'other', codes: new Map() };
    let q: Json | null = null;
    const choiceList = (list: unknown, what: string) => {
      const items = (Array.isArray(list) ? list : []).map((c) => (typeof c === 'object' && c !== null ? (c as Json) : ({ value: c } as Json)));
      const values = items.map((c) => String(c.value));
      const { codes, renumbered } = integerCodes(values);
      if (renumbered) warn(`${where}: ${what} values ${values.join(', ')} are renumbered ${codes.join(', ')}`);
      values.forEach((v, k) => entry.codes.set(v, codes[k]));
      return items.map((c, k) => ({ code: codes[k], label: bilingual(texts((c.text ?? String(c.value)) as Localized), `${where} ${what} ${values[k]}`, warn, values[k]) }));
    };
    switch (type) {
      case 'radiogroup':
      case 'dropdown':
      case 'checkbox':
      case 'tagbox': {
        const options = choiceList(e.choices, 'choice');
        if (e.choicesByUrl) warn(`${where}: choices loaded from a URL are left out`);
        const multiple = type === 'checkbox' || type === 'tagbox';
        q = { ...base, kind: multiple ? 'multiple' : 'single', options };
        if (!multiple) q.display = type === 'dropdown' ? 'dropdown' : 'radio';
        if (e.showOtherItem === true || e.hasOther === true) {
          const code = Math.max(0, ...options.map((o) => o.code)) + 1;
          entry.codes.set('other', code);
          q.other = { code, label: bilingual(texts((e.otherText ?? { fr: 'Autre', en: 'Other' }) as Localized), `${where} other`, warn, 'Other') };
        }
        if (multiple && (e.showNoneItem === true || e.hasNone === true)) {
          const code = Math.max(0, ...options.map((o) => o.code), ...(q.other ? [(q.other as { code: number }).code] : [])) + 1;
          entry.codes.set('none', code);
          options.push({ code, label: bilingual(texts((e.noneText ?? { fr: 'Aucun', en: 'None' }) as Localized), `${where} none`, warn, 'None') });
          q.exclusive = [code];
        }
        if (multiple && typeof e.maxSelectedChoices === 'number' && e.maxSelectedChoices > 0) q.maxSelections = e.maxSelectedChoices;
        if (e.showSelectAllItem || e.hasSelectAll) warn(`${where}: the "select all" item is left out`);
        entry.kind = multiple ? 'multiple' : 'single';
        break;
      }
      case 'rating': {
        let points;
        if (Array.isArray(e.rateValues) && e.rateValues.length > 0) points = choiceList(e.rateValues, 'rate value');
        else {
          const min = Number(e.rateMin ?? 1);
          const max = Number(e.rateMax ?? 5);
          const step = Number(e.rateStep ?? 1);
          points = [];
          for (let v = min; v <= max; v += step) points.push({ code: v, label: { fr: String(v), en: String(v) } });
          points.forEach((p) => entry.codes.set(String(p.code), p.code));
          if (points.some((p) => !Number.isInteger(p.code) || p.code < 0)) return (warn(`${where}: rates below 0 or not whole are left out`), null);
        }
        const ends = [
          ['minRateDescription', 0],
          ['maxRateDescription', points.length - 1],
        ] as const;
        for (const [key, k] of ends) {
          if (!e[key]) continue;
          const d = bilingual(texts(e[key] as Localized), `${where} ${key}`, warn);
          points[k].label = { fr: `${points[k].label.fr} — ${d.fr}`, en: `${points[k].label.en} — ${d.en}` };
        }
        q = { ...base, kind: 'scale', points };
        entry.kind = 'scale';
        break;
      }
      case 'matrix': {
        const points = choiceList(e.columns, 'column');
        const items = (Array.isArray(e.rows) ? e.rows : []).map((r) => {
          const row = typeof r === 'object' && r !== null ? (r as Json) : ({ value: r } as Json);
          return {
            name: names.name(`${name}_${String(row.value)}`, 'q'),
            label: bilingual(texts((row.text ?? String(row.value)) as Localized), `${where} row ${String(row.value)}`, warn, String(row.value)),
          };
        });
        q = { ...base, kind: 'matrix', items, points, required: e.isAllRowRequired === true };
        if (e.isRequired === true && e.isAllRowRequired !== true) warn(`${where}: "at least one row" is imported as optional rows`);
        break;
      }
      case 'boolean': {
        const yes = bilingual(texts((e.labelTrue ?? { fr: 'Oui', en: 'Yes' }) as Localized), `${where} labelTrue`, warn, 'Yes');
        const no = bilingual(texts((e.labelFalse ?? { fr: 'Non', en: 'No' }) as Localized), `${where} labelFalse`, warn, 'No');
        q = {
          ...base,
          kind: 'single',
          display: 'radio',
          options: [
            { code: 1, label: yes },
            { code: 0, label: no },
          ],
        };
        entry.kind = 'boolean';
        break;
      }
      case 'text':
      case 'comment': {
        const inputType = String(e.inputType ?? 'text');
        if (type === 'text' && inputType === 'number') {
          q = { ...base, kind: 'number', integer: e.step === undefined || Number.isInteger(Number(e.step)) };
          if (typeof e.min === 'number') q.min = e.min;
          if (typeof e.max === 'number') q.max = e.max;
        } else {
          if (!['text', 'email', 'tel', 'url'].includes(inputType)) warn(`${where}: input type "${inputType}" is imported as a free text`);
          const max = Number(e.maxLength);
          q = { ...base, kind: 'text', multiline: type === 'comment', maxLength: Number.isInteger(max) && max > 0 ? Math.min(max, 10000) : type === 'comment' ? 2000 : 200 };
        }
        break;
      }
      default:
        warn(`${where}: element type "${type}" is left out`);
        return null;
    }
    if (Array.isArray(e.validators) && e.validators.length > 0) warn(`${where}: validators are left out`);
    if (e.enableIf || e.requiredIf) warn(`${where}: enableIf / requiredIf are left out`);
    if (typeof e.visibleIf === 'string' && e.visibleIf.trim()) {
      const condition = visibleIfCondition(e.visibleIf, mapped);
      if (condition) q.condition = condition;
      else warn(`${where}: visibleIf "${e.visibleIf}" is left out (outside the common subset)`);
    }
    if (e.visible === false) warn(`${where}: a hidden question is imported as shown`);
    mapped.set(String(e.name), entry);
    return q;
  };

  const pages: Json[] = [];
  (survey.pages as Json[]).forEach((page, p) => {
    const questions: Json[] = [];
    const visit = (elements: unknown, path: string) => {
      for (const element of Array.isArray(elements) ? (elements as Json[]) : []) {
        const where = `${path} ${String(element.type)} "${String(element.name)}"`;
        if (element.type === 'panel' || element.type === 'paneldynamic') {
          if (element.type === 'paneldynamic') {
            warn(`${where}: dynamic panels are left out`);
            continue;
          }
          warn(`${where}: the panel is flattened into its page${element.visibleIf ? ' and its visibleIf is left out' : ''}`);
          visit(element.elements, path);
          continue;
        }
        if (!SUPPORTED.has(String(element.type))) {
          warn(`${where}: element type "${String(element.type)}" is left out`);
          continue;
        }
        const q = question(element, where);
        if (q) questions.push(q);
      }
    };
    visit(page.elements ?? page.questions, `page "${String(page.name ?? p + 1)}":`);
    if (page.visibleIf) warn(`page "${String(page.name)}": its visibleIf is left out`);
    if (questions.length === 0) {
      warn(`page "${String(page.name ?? p + 1)}": no question left, the page is left out`);
      return;
    }
    pages.push({
      id: names.name(`p_${String(page.name ?? p + 1)}`, 'p'),
      title: bilingual(texts((page.title ?? page.name ?? `Page ${p + 1}`) as Localized), `page ${String(page.name)} title`, () => {}),
      questions,
    });
  });
  warn('privacy notice: a SurveyJS survey has none; a placeholder is set');
  const document = {
    id: options.studyId ?? studyIdFrom(title.en),
    version: 1,
    title,
    description: survey.description ? bilingual(texts(survey.description as Localized), 'survey description', warn) : title,
    languages: ['fr', 'en'],
    estimatedMinutes: Math.max(1, Math.min(120, Math.round(pages.reduce((n, p) => n + (p.questions as unknown[]).length, 0) / 3) || 1)),
    privacyNotice: PRIVACY_PLACEHOLDER,
    pages,
  };
  return finishImport(document, warnings);
}
