import { ZLanguageTag } from '../study/index.js';
import { parseXml, child } from './parse-xml.js';
import { conditionsEquation, relevanceCondition, type LssVariables } from './lss-conditions.js';
import { LssLabels } from './lss-labels.js';
import { mapLssQuestion, type Mapped } from './lss-questions.js';
import { readLssTables } from './lss-tables.js';
import {
  NameRegistry,
  PRIVACY_PLACEHOLDER,
  finishImport,
  studyIdFrom,
  type ImportLoss,
  type QuestionnaireImport,
  type QuestionnaireImportOptions,
} from './questionnaire-import.js';

// The LimeSurvey importer in four steps, each in its own file:
//
//   .lss XML ──parseXml (saxes)──▶ <document>
//     ──readLssTables (lss-tables.ts)──▶ maps by qid / gid: sources, subquestions, answers, attributes, texts, conditions
//     ──for each group by group_order: its relevance ──relevanceCondition──▶ the page's condition
//         each question by question_order:
//         mapLssQuestion (lss-questions.ts) ──▶ { question of the study document, entry: LimeSurvey codes → ours }
//         relevanceCondition (lss-conditions.ts, lss-expression.ts) ──▶ its display condition, read against the entries so far
//     ──▶ pages [{ id, title, condition?, questions }] ──finishImport──▶ validated study, warnings and losses
//
// Labels carry every language of the survey, the base language first (lss-labels.ts). Every construct left
// out is an ImportLoss, once each; one that changes who sees what fails the import unless acceptLosses.

/**
 * Imports a LimeSurvey survey structure (.lss, the legacy layout with texts in each row and the 4.x+
 * layout with *_l10ns tables) as a study: groups become pages (group relevance their condition); list,
 * dropdown, yes/no, gender, multiple choice (exclusive options, min/max answers, "other"), arrays, 5-point
 * choice, numerical input, free texts, ranking, text display, date, multiple numerical and array (texts)
 * map to our question kinds (array filters to carry forward, random order to randomize), with the source's codes as export
 * codes; relevance equations (ExpressionScript, the condition designer's SGQA form and its rows) become
 * display conditions. Every construct left out is in `losses`; the study is validated by validateStudy.
 */
export function importLss(xml: string, options: QuestionnaireImportOptions = {}): QuestionnaireImport {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const losses: ImportLoss[] = [];
  const seen = new Set<string>();
  const lose = (construct: string, where: string, effect: string, changesWhoSees: boolean) => {
    const key = `${construct}\u0000${where}\u0000${effect}`;
    if (seen.has(key)) return;
    seen.add(key);
    losses.push({ construct, where, effect, changesWhoSees });
  };
  const doc = child(parseXml(xml), 'document');
  if (!doc) throw new SyntaxError('importLss: not a LimeSurvey document (no <document>)');
  const tables = readLssTables(doc);
  const { sources, groupNames, groupOrder, groupRelevance } = tables;
  const languages: string[] = [];
  for (const l of tables.languages) {
    if (ZLanguageTag.safeParse(l).success) languages.push(l);
    else lose('language', l, `the texts in "${l}" are left out (not a BCP 47 language tag)`, false);
  }
  if (languages.length === 0) languages.push(...Object.keys(tables.titles).filter((l) => ZLanguageTag.safeParse(l).success), ...(Object.keys(tables.titles).length ? [] : ['en']));
  const labels = new LssLabels(languages.length ? languages : ['en']);
  const base = labels.languages[0];
  const title = labels.label(tables.titles, 'LimeSurvey');
  for (const { section, n } of tables.leftOut) {
    if (section === 'quota') lose('quota', 'survey', `${n} quota${n > 1 ? 's are' : ' is'} not enforced: respondents over a quota are not screened out`, false);
    else lose('assessment', 'survey', `${n} assessment rule${n > 1 ? 's are' : ' is'} not computed: respondents see no assessment message`, false);
  }

  const names = new NameRegistry();
  const byTitle = new Map<string, Mapped>();
  const byQid = new Map<string, Mapped>();
  const variables: LssVariables = { byTitle, byQid };
  /** the page index of each mapped question, for array filters (their source must be on an earlier page) */
  const pageOf = new Map<Mapped, number>();
  const filterSource = (title: string) => {
    const source = byTitle.get(title);
    return source && source.kind === 'multiple' && (pageOf.get(source) ?? pages.length) < pages.length ? source : undefined;
  };
  const pages: Record<string, unknown>[] = [];
  const groups = [...new Set([...sources.values()].map((s) => s.gid))].sort((a, b) => (groupOrder.get(a) ?? 0) - (groupOrder.get(b) ?? 0));
  for (const gid of groups) {
    const pageTitle = labels.label(groupNames.get(gid) ?? {}, `Page ${pages.length + 1}`);
    const groupWhere = `group ${pageTitle[base]}`;
    const groupEquation = groupRelevance.get(gid) ?? '';
    const pageRelevance = relevanceCondition(groupEquation, variables);
    if (pageRelevance === false) {
      lose('group never shown', groupWhere, `left out: its relevance is "${groupEquation}", so nobody sees it, as in LimeSurvey`, false);
      continue;
    }
    if (pageRelevance === null) lose('group relevance', groupWhere, `the page is shown to everyone, whatever "${groupEquation}"`, true);
    const questions: Record<string, unknown>[] = [];
    const list = [...sources.values()].filter((s) => s.gid === gid).sort((a, b) => a.order - b.order);
    for (const s of list) {
      const trivial = s.relevance === '' || s.relevance === '1';
      const designed = tables.conditions.get(s.qid);
      const equation = trivial && designed ? conditionsEquation(designed) : s.relevance;
      if (equation === null) {
        lose('condition designer', s.title, 'the question is shown to everyone: its conditions compare with other answers or patterns', true);
      }
      const relevance = relevanceCondition(equation ?? '', variables);
      if (relevance === false) {
        lose('question never shown', s.title, `left out: its relevance is "${equation}", so nobody sees it, as in LimeSurvey`, false);
        continue;
      }
      const { entry, question } = mapLssQuestion(s, tables, names, labels, (construct, effect, changes) => lose(construct, s.title, effect, changes), warn, filterSource);
      if (!question) continue;
      if (relevance === null) lose('relevance equation', s.title, `the question is shown to everyone, whatever "${equation}"`, true);
      else if (relevance !== true) question.condition = relevance;
      byTitle.set(s.title, entry);
      byQid.set(s.qid, entry);
      pageOf.set(entry, pages.length);
      questions.push(question);
    }
    if (questions.length === 0) {
      warn(`${groupWhere}: no question left, the page is left out`);
      continue;
    }
    const page: Record<string, unknown> = { id: names.name(`p_${pageTitle[base]}`, 'p'), title: pageTitle };
    if (pageRelevance !== null && pageRelevance !== true) page.condition = pageRelevance;
    pages.push({ ...page, questions });
  }
  warn('privacy notice: LimeSurvey has none in the survey structure; a placeholder is set');
  const document = {
    id: options.studyId ?? studyIdFrom(title.en ?? title[base]),
    version: 1,
    title,
    description: labels.label(tables.descriptions, title[base]),
    languages: labels.languages,
    estimatedMinutes: Math.max(1, Math.min(120, Math.round(sources.size / 3) || 1)),
    privacyNotice: Object.fromEntries(labels.languages.map((l) => [l, PRIVACY_PLACEHOLDER[l] ?? PRIVACY_PLACEHOLDER.en])),
    pages,
  };
  return finishImport(document, warnings, losses, options);
}
