import type { Condition } from '../study/index.js';
import { child, parseXml, type XmlElement } from './parse-xml.js';
import { NameRegistry, PRIVACY_PLACEHOLDER, bilingual, finishImport, integerCodes, plainText, studyIdFrom, type QuestionnaireImport } from './questionnaire-import.js';

type Row = Record<string, string>;

/** The rows of a section of a .lss document (`<section><rows><row><field>…`), as records. */
function rows(doc: XmlElement, section: string): Row[] {
  return (child(child(doc, section), 'rows')?.children ?? []).filter((r) => r.name === 'row').map((r) => Object.fromEntries(r.children.map((f) => [f.name, f.text])));
}

/** LimeSurvey question types we map, by their one-character code. */
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

interface Source {
  qid: string;
  gid: string;
  type: string;
  title: string;
  order: number;
  mandatory: string;
  other: string;
  relevance: string;
  texts: Record<string, string>;
  helps: Record<string, string>;
}

interface Mapped {
  name: string;
  kind: string;
  /** LimeSurvey answer code -> our code (single, scale) */
  codes: Map<string, number>;
  /** subquestion title -> our option code (multiple) or item name (matrix) */
  sub: Map<string, number | string>;
}

/**
 * Reads a relevance equation of the common subset: terms `Q == "A1"` (or `Q.NAOK`, single quotes, numbers),
 * `Q_SQ001 == "Y"` for a multiple choice's option, `!is_empty(Q)`, joined by one kind of `and` / `or`.
 * Returns null when the equation is outside it.
 */
function relevanceCondition(expression: string, mapped: ReadonlyMap<string, Mapped>): Condition | null {
  const text = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  const parts = text.split(/\s+(and|or|&&|\|\|)\s+/i);
  const ops = parts.filter((_, k) => k % 2 === 1).map((o) => (o === '&&' || o.toLowerCase() === 'and' ? 'and' : 'or'));
  if (new Set(ops).size > 1) return null;
  const terms: Condition[] = [];
  for (const raw of parts.filter((_, k) => k % 2 === 0)) {
    const term = raw
      .trim()
      .replace(/^\((.*)\)$/s, '$1')
      .trim();
    const empty = /^!\s*is_empty\(\s*([A-Za-z0-9_]+?)(?:\.NAOK)?\s*\)$/.exec(term);
    if (empty) {
      const q = mapped.get(empty[1]);
      if (!q) return null;
      terms.push({ op: 'answered', question: q.name });
      continue;
    }
    const eq = /^([A-Za-z0-9_]+?)(?:\.NAOK)?\s*(?:==|eq)\s*(?:"([^"]*)"|'([^']*)'|(\d+))$/.exec(term);
    if (!eq) return null;
    const value = eq[2] ?? eq[3] ?? eq[4];
    const direct = mapped.get(eq[1]);
    if (direct && (direct.kind === 'single' || direct.kind === 'scale')) {
      const code = direct.codes.get(value);
      if (code === undefined) return null;
      terms.push({ op: 'equals', question: direct.name, value: code });
      continue;
    }
    const sep = eq[1].lastIndexOf('_');
    const parent = sep > 0 ? mapped.get(eq[1].slice(0, sep)) : undefined;
    const option = parent?.sub.get(eq[1].slice(sep + 1));
    if (parent?.kind === 'multiple' && typeof option === 'number' && value === 'Y') {
      terms.push({ op: 'equals', question: parent.name, value: option });
      continue;
    }
    return null;
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? terms[0] : { op: ops[0] as 'and' | 'or', conditions: terms };
}

const byLanguage = (list: Row[], key: string, field: string) => {
  const map = new Map<string, Record<string, string>>();
  for (const r of list) {
    if (r[field] === undefined) continue;
    const entry = map.get(r[key]) ?? {};
    entry[r.language ?? ''] = plainText(r[field]);
    map.set(r[key], entry);
  }
  return map;
};

/**
 * Imports a LimeSurvey survey structure (.lss, the legacy layout with texts in each row and the 4.x+
 * layout with *_l10ns tables) as a study: groups become pages; list, dropdown, yes/no, gender, multiple
 * choice (with "other"), arrays, 5-point choice, numerical input and free texts map to our question kinds;
 * relevance equations of the common subset become display conditions. Every construct left out (other
 * question types, comments, quotas, assessments, complex equations, attributes we do not read) is listed
 * as a warning. The study is validated by validateStudy.
 */
export function importLss(xml: string, options: { studyId?: string } = {}): QuestionnaireImport {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const doc = child(parseXml(xml), 'document');
  if (!doc) throw new SyntaxError('importLss: not a LimeSurvey document (no <document>)');
  const languages = (child(doc, 'languages')?.children ?? []).map((l) => l.text.trim()).filter(Boolean);
  for (const l of languages) if (l !== 'fr' && l !== 'en') warn(`language "${l}" is left out (studies are written in fr and en)`);

  const settings = rows(doc, 'surveys_languagesettings');
  const titles = Object.fromEntries(settings.map((s) => [s.surveyls_language, plainText(s.surveyls_title ?? '')]));
  const descriptions = Object.fromEntries(settings.map((s) => [s.surveyls_language, plainText(s.surveyls_description ?? '')]));
  const title = bilingual(titles, 'survey title', warn, 'LimeSurvey');

  const groupRows = rows(doc, 'groups');
  const groupNames = byLanguage([...groupRows, ...rows(doc, 'group_l10ns')], 'gid', 'group_name');
  const groupOrder = new Map(groupRows.map((g) => [g.gid, Number(g.group_order ?? 0)]));
  const groupRelevance = new Map(groupRows.map((g) => [g.gid, g.grelevance ?? '']));

  const questionRows = rows(doc, 'questions');
  const l10n = rows(doc, 'question_l10ns');
  const questionTexts = byLanguage([...questionRows, ...rows(doc, 'subquestions'), ...l10n], 'qid', 'question');
  const helpTexts = byLanguage([...questionRows, ...l10n], 'qid', 'help');
  const sources = new Map<string, Source>();
  for (const r of questionRows) {
    if (r.parent_qid && r.parent_qid !== '0') continue;
    if (sources.has(r.qid)) continue;
    sources.set(r.qid, {
      qid: r.qid,
      gid: r.gid,
      type: r.type,
      title: r.title,
      order: Number(r.question_order ?? 0),
      mandatory: r.mandatory ?? 'N',
      other: r.other ?? 'N',
      relevance: (r.relevance ?? '').trim(),
      texts: questionTexts.get(r.qid) ?? {},
      helps: helpTexts.get(r.qid) ?? {},
    });
  }
  const subRows = [...rows(doc, 'subquestions'), ...questionRows.filter((r) => r.parent_qid && r.parent_qid !== '0')];
  const subs = new Map<string, { qid: string; title: string; order: number; scale: string }[]>();
  for (const r of subRows) {
    const list = subs.get(r.parent_qid) ?? [];
    if (!list.some((s) => s.qid === r.qid)) list.push({ qid: r.qid, title: r.title, order: Number(r.question_order ?? 0), scale: r.scale_id ?? '0' });
    subs.set(r.parent_qid, list);
  }
  const answerRows = rows(doc, 'answers');
  const answerTexts = byLanguage(
    [
      ...answerRows.map((a) => ({ ...a, key: `${a.qid}:${a.code}:${a.scale_id ?? '0'}` })),
      ...rows(doc, 'answer_l10ns').map((a) => {
        const owner = answerRows.find((x) => x.aid === a.aid);
        return { ...a, key: owner ? `${owner.qid}:${owner.code}:${owner.scale_id ?? '0'}` : '' };
      }),
    ],
    'key',
    'answer',
  );
  const answers = new Map<string, { code: string; order: number; label: Record<string, string> }[]>();
  for (const a of answerRows) {
    if ((a.scale_id ?? '0') !== '0') continue;
    const list = answers.get(a.qid) ?? [];
    if (!list.some((x) => x.code === a.code)) list.push({ code: a.code, order: Number(a.sortorder ?? 0), label: answerTexts.get(`${a.qid}:${a.code}:0`) ?? {} });
    answers.set(a.qid, list);
  }
  const attributes = new Map<string, Row>();
  for (const a of rows(doc, 'question_attributes')) attributes.set(a.qid, { ...(attributes.get(a.qid) ?? {}), [a.attribute]: a.value });

  for (const section of ['quota', 'quota_members', 'assessments', 'conditions']) {
    const n = rows(doc, section).length;
    if (n > 0) warn(`${section}: ${n} row${n > 1 ? 's' : ''} left out${section === 'conditions' ? ' (relevance equations are read instead)' : ''}`);
  }

  const names = new NameRegistry();
  const mapped = new Map<string, Mapped>();
  const pages: Record<string, unknown>[] = [];
  const groups = [...new Set([...sources.values()].map((s) => s.gid))].sort((a, b) => (groupOrder.get(a) ?? 0) - (groupOrder.get(b) ?? 0));
  for (const gid of groups) {
    if ((groupRelevance.get(gid) ?? '').replace(/^1$/, '') !== '') warn(`group ${gid}: its relevance equation is left out`);
    const questions: Record<string, unknown>[] = [];
    const list = [...sources.values()].filter((s) => s.gid === gid).sort((a, b) => a.order - b.order);
    for (const s of list) {
      const where = `question ${s.title} (${TYPE_NAMES[s.type] ?? `type ${s.type}`})`;
      const text = bilingual(s.texts, where, warn, s.title);
      const help = Object.values(s.helps).some((h) => h) ? bilingual(s.helps, `${where} help`, warn) : undefined;
      const options = (answers.get(s.qid) ?? []).sort((a, b) => a.order - b.order);
      const subList = (subs.get(s.qid) ?? []).filter((x) => x.scale === '0').sort((a, b) => a.order - b.order);
      const name = names.name(s.title, 'q');
      const base: Record<string, unknown> = { name, text, ...(help ? { help } : {}), required: s.mandatory === 'Y' };
      if (s.mandatory === 'S') warn(`${where}: soft mandatory is imported as optional`);
      const codeList = (raw: { code: string; label: Record<string, string> }[], what: string) => {
        const { codes, renumbered } = integerCodes(raw.map((o) => o.code));
        if (renumbered) warn(`${where}: ${what} codes ${raw.map((o) => o.code).join(', ')} are renumbered ${codes.join(', ')}`);
        return raw.map((o, k) => ({ code: codes[k], label: bilingual(o.label, `${where} ${what} ${o.code}`, warn, o.code) }));
      };
      const entry: Mapped = { name, kind: '', codes: new Map(), sub: new Map() };
      let question: Record<string, unknown> | null = null;
      switch (s.type) {
        case 'L':
        case '!':
        case 'O':
        case 'G':
        case 'Y': {
          const raw =
            s.type === 'Y'
              ? [
                  { code: 'Y', label: { fr: 'Oui', en: 'Yes' } },
                  { code: 'N', label: { fr: 'Non', en: 'No' } },
                ]
              : s.type === 'G'
                ? [
                    { code: 'F', label: { fr: 'Femme', en: 'Female' } },
                    { code: 'M', label: { fr: 'Homme', en: 'Male' } },
                  ]
                : options;
          const list = codeList(raw, 'answer');
          raw.forEach((o, k) => entry.codes.set(o.code, list[k].code));
          question = { ...base, kind: 'single', display: s.type === '!' ? 'dropdown' : 'radio', options: list };
          if (s.type === 'O') warn(`${where}: the comment box is left out`);
          if (s.other === 'Y') {
            const code = Math.max(0, ...list.map((o) => o.code)) + 1;
            question.other = { code, label: { fr: 'Autre', en: 'Other' } };
          }
          entry.kind = 'single';
          break;
        }
        case 'M':
        case 'P': {
          const list = codeList(
            subList.map((x) => ({ code: x.title, label: questionTexts.get(x.qid) ?? {} })),
            'option',
          );
          subList.forEach((x, k) => entry.sub.set(x.title, list[k].code));
          question = { ...base, kind: 'multiple', options: list };
          const max = Number(attributes.get(s.qid)?.max_answers);
          if (Number.isInteger(max) && max > 0) question.maxSelections = Math.min(max, list.length + (s.other === 'Y' ? 1 : 0));
          if (s.other === 'Y') question.other = { code: Math.max(0, ...list.map((o) => o.code)) + 1, label: { fr: 'Autre', en: 'Other' } };
          if (s.type === 'P') warn(`${where}: the comments are left out`);
          entry.kind = 'multiple';
          break;
        }
        case 'F':
        case 'A':
        case 'B':
        case 'C':
        case 'E': {
          const raw =
            s.type === 'F'
              ? options
              : s.type === 'A'
                ? [1, 2, 3, 4, 5].map((k) => ({ code: String(k), label: { fr: String(k), en: String(k) } }))
                : s.type === 'B'
                  ? Array.from({ length: 10 }, (_, k) => ({ code: String(k + 1), label: { fr: String(k + 1), en: String(k + 1) } }))
                  : s.type === 'C'
                    ? [
                        { code: 'Y', label: { fr: 'Oui', en: 'Yes' } },
                        { code: 'U', label: { fr: 'Incertain', en: 'Uncertain' } },
                        { code: 'N', label: { fr: 'Non', en: 'No' } },
                      ]
                    : [
                        { code: 'I', label: { fr: 'Augmente', en: 'Increase' } },
                        { code: 'S', label: { fr: 'Stable', en: 'Same' } },
                        { code: 'D', label: { fr: 'Diminue', en: 'Decrease' } },
                      ];
          const points = codeList(raw, 'answer');
          const items = subList.map((x) => {
            const item = names.name(`${s.title}_${x.title}`, 'q');
            entry.sub.set(x.title, item);
            return { name: item, label: bilingual(questionTexts.get(x.qid) ?? {}, `${where} item ${x.title}`, warn, x.title) };
          });
          question = { ...base, kind: 'matrix', items, points };
          entry.kind = 'matrix';
          break;
        }
        case '5': {
          const points = [1, 2, 3, 4, 5].map((k) => ({ code: k, label: { fr: String(k), en: String(k) } }));
          for (const p of points) entry.codes.set(String(p.code), p.code);
          question = { ...base, kind: 'scale', points };
          entry.kind = 'scale';
          break;
        }
        case 'N': {
          const a = attributes.get(s.qid) ?? {};
          const min = a.min_num_value_n !== undefined && a.min_num_value_n !== '' ? Number(a.min_num_value_n) : undefined;
          const max = a.max_num_value_n !== undefined && a.max_num_value_n !== '' ? Number(a.max_num_value_n) : undefined;
          question = { ...base, kind: 'number', integer: a.num_value_int_only === '1', ...(Number.isFinite(min) ? { min } : {}), ...(Number.isFinite(max) ? { max } : {}) };
          entry.kind = 'number';
          break;
        }
        case 'S':
        case 'T':
        case 'U': {
          const max = Number(attributes.get(s.qid)?.maximum_chars);
          question = { ...base, kind: 'text', multiline: s.type !== 'S', maxLength: Number.isInteger(max) && max > 0 ? Math.min(max, 10000) : s.type === 'S' ? 200 : 2000 };
          entry.kind = 'text';
          break;
        }
        default:
          warn(`${where}: this question type is left out`);
      }
      if (!question) continue;
      if (s.relevance && s.relevance !== '1') {
        const condition = relevanceCondition(s.relevance, mapped);
        if (condition) question.condition = condition;
        else warn(`${where}: relevance equation "${s.relevance}" is left out (outside the common subset)`);
      }
      mapped.set(s.title, entry);
      questions.push(question);
    }
    const pageTitle = bilingual(groupNames.get(gid) ?? {}, `group ${gid}`, warn, `Page ${pages.length + 1}`);
    if (questions.length === 0) {
      warn(`group ${gid} ("${pageTitle.fr}"): no question left, the page is left out`);
      continue;
    }
    pages.push({ id: names.name(`p_${pageTitle.en}`, 'p'), title: pageTitle, questions });
  }
  warn('privacy notice: LimeSurvey has none in the survey structure; a placeholder is set');
  const document = {
    id: options.studyId ?? studyIdFrom(title.en),
    version: 1,
    title,
    description: bilingual(descriptions, 'survey description', () => {}, title.fr),
    languages: ['fr', 'en'],
    estimatedMinutes: Math.max(1, Math.min(120, Math.round(sources.size / 3) || 1)),
    privacyNotice: PRIVACY_PLACEHOLDER,
    pages,
  };
  return finishImport(document, warnings);
}
