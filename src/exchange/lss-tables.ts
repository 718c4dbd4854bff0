import { child, type XmlElement } from './parse-xml.js';
import { plainText } from './questionnaire-import.js';

// Read tables: a LimeSurvey .lss document is a dump of its database tables, one XML section a table:
//
//   <document>
//     <languages><language>fr</language>…</languages>
//     <surveys_languagesettings><rows><row><surveyls_language/><surveyls_title/>…</row>…</rows></…>
//     <groups>  gid, group_order, grelevance (+ group_name, language in the legacy layout)
//     <questions>  qid, gid, parent_qid (≠ 0: a subquestion, legacy), type, title, question_order, mandatory,
//                  other, relevance (+ question, help, language in the legacy layout)
//     <subquestions>  qid, parent_qid, title, question_order, scale_id
//     <answers>  aid, qid, code, sortorder, scale_id (+ answer, language in the legacy layout)
//     <question_attributes>  qid, attribute, value
//     <group_l10ns> <question_l10ns> <answer_l10ns>  the texts by language (4.x+ layout)
//     <conditions>  the condition designer's rows: qid, cqid, cfieldname (SGQA), method, value, scenario
//     <quota> <quota_members> <assessments>  read only to count what is left out
//   </document>
//
// readLssTables joins them into maps keyed by qid (gid for groups), with every text as { language: text }:
// both layouts end up in the same maps, so the mapping of questions never asks which layout it reads.

export type Row = Record<string, string>;

/** A top-level question, with its texts by language. */
export interface Source {
  qid: string;
  gid: string;
  type: string;
  title: string;
  order: number;
  mandatory: string;
  other: string;
  relevance: string;
  /** the regular expression an answer must match ('' when none) */
  preg: string;
  texts: Record<string, string>;
  helps: Record<string, string>;
}

/** A row of the condition designer (`<conditions>`). */
export interface LssConditionRow {
  readonly cfieldname: string;
  readonly method: string;
  readonly value: string;
  readonly scenario: string;
}

export interface LssTables {
  /** the survey's languages, base language first */
  readonly languages: readonly string[];
  /** survey title and description by language */
  readonly titles: Record<string, string>;
  readonly descriptions: Record<string, string>;
  readonly groupNames: ReadonlyMap<string, Record<string, string>>;
  readonly groupOrder: ReadonlyMap<string, number>;
  readonly groupRelevance: ReadonlyMap<string, string>;
  /** top-level questions by qid, in document order */
  readonly sources: ReadonlyMap<string, Source>;
  /** question (and subquestion) texts by qid */
  readonly questionTexts: ReadonlyMap<string, Record<string, string>>;
  /** subquestions by parent qid, each once */
  readonly subs: ReadonlyMap<string, { qid: string; title: string; order: number; scale: string }[]>;
  /** answer options (scale 0) by qid, each code once */
  readonly answers: ReadonlyMap<string, { code: string; order: number; label: Record<string, string> }[]>;
  /** question attributes by qid: attribute -> value (those without a language) */
  readonly attributes: ReadonlyMap<string, Row>;
  /** question attributes written by language, by qid: attribute -> { language: text } */
  readonly attributeTexts: ReadonlyMap<string, Map<string, Record<string, string>>>;
  /** the condition designer's rows by qid */
  readonly conditions: ReadonlyMap<string, LssConditionRow[]>;
  /** sections read only to say they are left out, with their row counts (those with rows) */
  readonly leftOut: readonly { section: string; n: number }[];
}

/** The rows of a section of a .lss document (`<section><rows><row><field>…`), as records. */
function rows(doc: XmlElement, section: string): Row[] {
  return (child(child(doc, section), 'rows')?.children ?? []).filter((r) => r.name === 'row').map((r) => Object.fromEntries(r.children.map((f) => [f.name, f.text])));
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

/** The tables of a .lss `<document>` element, joined by qid and gid. */
export function readLssTables(doc: XmlElement): LssTables {
  const listed = (child(doc, 'languages')?.children ?? []).map((l) => l.text.trim()).filter(Boolean);
  const survey = rows(doc, 'surveys')[0];
  const base = survey?.language?.trim();
  const additional = (survey?.additional_languages ?? '').split(/\s+/).filter(Boolean);
  const languages = [...new Set([...(base ? [base] : []), ...additional, ...listed])];
  const settings = rows(doc, 'surveys_languagesettings');
  const titles = Object.fromEntries(settings.map((s) => [s.surveyls_language, plainText(s.surveyls_title ?? '')]));
  const descriptions = Object.fromEntries(settings.map((s) => [s.surveyls_language, plainText(s.surveyls_description ?? '')]));

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
      preg: (r.preg ?? '').trim(),
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
  const answerById = new Map(answerRows.map((a) => [a.aid, a]));
  const answerTexts = byLanguage(
    [
      ...answerRows.map((a) => ({ ...a, key: `${a.qid}:${a.code}:${a.scale_id ?? '0'}` })),
      ...rows(doc, 'answer_l10ns').map((a) => {
        const owner = answerById.get(a.aid);
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
  const attributeTexts = new Map<string, Map<string, Record<string, string>>>();
  for (const a of rows(doc, 'question_attributes')) {
    if (a.language) {
      const byAttribute = attributeTexts.get(a.qid) ?? new Map<string, Record<string, string>>();
      byAttribute.set(a.attribute, { ...(byAttribute.get(a.attribute) ?? {}), [a.language]: plainText(a.value ?? '') });
      attributeTexts.set(a.qid, byAttribute);
    } else attributes.set(a.qid, { ...(attributes.get(a.qid) ?? {}), [a.attribute]: a.value ?? '' });
  }
  const conditions = new Map<string, LssConditionRow[]>();
  for (const c of rows(doc, 'conditions')) {
    conditions.set(c.qid, [...(conditions.get(c.qid) ?? []), { cfieldname: c.cfieldname ?? '', method: c.method ?? '==', value: c.value ?? '', scenario: c.scenario ?? '1' }]);
  }
  const leftOut = ['quota', 'assessments'].map((section) => ({ section, n: rows(doc, section).length })).filter((s) => s.n > 0);
  return { languages, titles, descriptions, groupNames, groupOrder, groupRelevance, sources, questionTexts, subs, answers, attributes, attributeTexts, conditions, leftOut };
}
