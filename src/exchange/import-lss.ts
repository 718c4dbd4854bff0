import { parseXml, child } from './parse-xml.js';
import { relevanceCondition } from './lss-conditions.js';
import { mapLssQuestion, type Mapped } from './lss-questions.js';
import { readLssTables } from './lss-tables.js';
import { NameRegistry, PRIVACY_PLACEHOLDER, bilingual, finishImport, studyIdFrom, type QuestionnaireImport } from './questionnaire-import.js';

// The LimeSurvey importer in three steps, each in its own file:
//
//   .lss XML ──parseXml──▶ <document>
//     ──readLssTables (lss-tables.ts)──▶ maps by qid / gid: sources, subquestions, answers, attributes, texts
//     ──for each group by group_order, each question by question_order:
//         mapLssQuestion (lss-questions.ts) ──▶ { question of the study document, entry: LimeSurvey codes → ours }
//         relevanceCondition (lss-conditions.ts) ──▶ its display condition, read against the entries so far
//     ──▶ pages [{ id, title, questions }] ──finishImport──▶ validated study + warnings
//
// Warnings come in document order: languages left out, the title, the sections left out, then question by question.

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
  const tables = readLssTables(doc);
  const { sources, groupNames, groupOrder, groupRelevance } = tables;
  for (const l of tables.languages) if (l !== 'fr' && l !== 'en') warn(`language "${l}" is left out (studies are written in fr and en)`);
  const title = bilingual(tables.titles, 'survey title', warn, 'LimeSurvey');
  for (const { section, n } of tables.leftOut) {
    warn(`${section}: ${n} row${n > 1 ? 's' : ''} left out${section === 'conditions' ? ' (relevance equations are read instead)' : ''}`);
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
      const { where, entry, question } = mapLssQuestion(s, tables, names, warn);
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
    description: bilingual(tables.descriptions, 'survey description', () => {}, title.fr),
    languages: ['fr', 'en'],
    estimatedMinutes: Math.max(1, Math.min(120, Math.round(sources.size / 3) || 1)),
    privacyNotice: PRIVACY_PLACEHOLDER,
    pages,
  };
  return finishImport(document, warnings);
}
