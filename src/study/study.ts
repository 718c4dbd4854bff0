import { z } from 'zod';
import { ZCondition } from './condition.js';
import { ZLabel, ZLanguageTag, labelIn, type Label, type LanguageTag } from './label.js';
import { ZCode, ZOption, ZQuestion, ZVariableName, type Question, type SingleQuestion } from './question.js';
import { ZBranding } from './study-branding.js';
import { answerKeys } from './validate-answers.js';

export const ZStudyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a study id is lower case letters, digits and -');
const ZIdentifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'an id is lower case letters, digits and _');

export const ZPage = z.strictObject({
  id: ZIdentifier,
  title: ZLabel,
  intro: ZLabel.optional(),
  /** the page is shown only when this holds (its questions are then unanswered, as hidden questions are) */
  condition: ZCondition.optional(),
  questions: z.array(ZQuestion).min(1, 'a page needs at least one question'),
});
export type Page = z.infer<typeof ZPage>;

export const ZTheme = z.strictObject({ id: ZIdentifier, label: ZLabel, description: ZLabel.optional() });
export type Theme = z.infer<typeof ZTheme>;

/**
 * A published indicator: the weighted share of respondents who answered `variable` (a column of the study's
 * layout; "don't know" and not-asked are out of the base) whose code is one of `yes`. Results, the
 * dashboard, the white paper and the benchmark all read this one definition.
 */
export const ZIndicator = z.strictObject({
  id: ZIdentifier,
  theme: ZIdentifier,
  label: ZLabel,
  variable: ZVariableName,
  yes: z.array(ZCode).min(1, 'an indicator needs at least one code counted as yes'),
  /** indicators sharing a group are ranked together (a multiple-answer question's hierarchy) */
  group: ZIdentifier.optional(),
});
export type Indicator = z.infer<typeof ZIndicator>;

/** A maturity dimension of the benchmark: the mean score (0 to 1) of the answers it reads, shown 0 to 100. */
export const ZMaturityDimension = z.strictObject({
  id: ZIdentifier,
  label: ZLabel,
  definition: ZLabel,
  scoring: z.array(z.strictObject({ variable: ZVariableName, scores: z.array(z.strictObject({ code: ZCode, score: z.number().min(0).max(1) })).min(1) })).min(1),
  recommendations: z.array(ZLabel).min(2).max(4),
});
export type MaturityDimension = z.infer<typeof ZMaturityDimension>;

/** How the study names one respondent and several, in one language: `{ one: 'ménage', other: 'ménages' }`. */
export const ZUnitForms = z.strictObject({
  one: z.string().trim().min(1, 'the singular form is empty'),
  other: z.string().trim().min(1, 'the plural form is empty'),
});
export type UnitForms = z.infer<typeof ZUnitForms>;

/**
 * A categorical question used to split results (a banner of the dashboard, the white paper and the API) or to
 * group peers in the benchmark. `label` names it in sentences ("by size of household"); the question's text
 * otherwise.
 */
export const ZCut = z.strictObject({ variable: ZVariableName, label: ZLabel.optional() });
export type Cut = z.infer<typeof ZCut>;

/**
 * A field of the white paper's download form beyond name, e-mail and consent. With `options` it is a
 * choice (the chosen option's code is stored), otherwise a text of at most `maxLength` characters.
 */
export const ZLeadField = z.strictObject({
  id: ZIdentifier,
  label: ZLabel,
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(500).default(120),
  options: z.array(ZOption).min(2, 'a choice needs at least 2 options').optional(),
});
export type LeadField = z.infer<typeof ZLeadField>;

/** The respondent's own benchmark: compared with every respondent and with the peers of each group. */
export const ZBenchmark = z.strictObject({
  /** peers are the respondents who gave the same answer to the group's question (e.g. the same size band) */
  peerGroups: z.array(ZCut).default([]),
});
export type Benchmark = z.infer<typeof ZBenchmark>;

export const ZStudy = z.strictObject({
  id: ZStudyId,
  version: z.number().int().min(1),
  title: ZLabel,
  description: ZLabel,
  /** BCP 47 tags; every label has a text in each, and only in those */
  languages: z.array(ZLanguageTag).min(1, 'a study declares at least one language').default(['fr', 'en']),
  /** the language of a page when the reader's is not one of the study's; the first language by default */
  defaultLanguage: ZLanguageTag.optional(),
  /** how sentences name respondents, per language; the interface's "respondent / respondents" otherwise */
  unit: z.record(ZLanguageTag, ZUnitForms).optional(),
  estimatedMinutes: z.number().int().min(1).max(120),
  producers: z.array(z.strictObject({ name: z.string().min(1), url: z.string().url().optional() })).default([]),
  logo: z.string().optional(),
  /** the logo and accent colour of the study's questionnaire, dashboard and PDFs (absent: the product's own) */
  branding: ZBranding.optional(),
  privacyNotice: ZLabel,
  themes: z.array(ZTheme).default([]),
  pages: z.array(ZPage).min(1, 'a study needs at least one page'),
  indicators: z.array(ZIndicator).default([]),
  maturity: z.array(ZMaturityDimension).default([]),
  /** categorical questions that split the results, in banner order */
  cuts: z.array(ZCut).default([]),
  /** categorical questions the weighting may rake on (their population counts are set per wave) */
  margins: z.array(ZVariableName).default([]),
  /** absent: the study offers no benchmark to its respondents */
  benchmark: ZBenchmark.optional(),
  /** the white paper form's fields beyond name, e-mail and consent */
  leadForm: z.array(ZLeadField).default([]),
});

/** A validated study document (one version of a questionnaire). */
export type Study = z.infer<typeof ZStudy>;
/** What a study file holds before defaults are applied. */
export type StudyInput = z.input<typeof ZStudy>;

/** Every question of a study with its page index, in order. */
export function allQuestions(study: Study): { page: number; question: Question }[] {
  return study.pages.flatMap((page, p) => page.questions.map((question) => ({ page: p, question })));
}

/** The question with a given name, if any. */
export function findQuestion(study: Study, name: string): Question | undefined {
  for (const page of study.pages) for (const q of page.questions) if (q.name === name) return q;
  return undefined;
}

/** What choosing a language needs of a study: a Study, or the summary that results and reports carry. */
export interface StudyLanguages {
  readonly languages: readonly LanguageTag[];
  readonly defaultLanguage?: LanguageTag;
  readonly unit?: Readonly<Record<LanguageTag, UnitForms>>;
}

/** The language facts of a study, to carry beside its results (`results.study`). */
export function studyLanguages(study: StudyLanguages): StudyLanguages {
  return { languages: study.languages, ...(study.defaultLanguage ? { defaultLanguage: study.defaultLanguage } : {}), ...(study.unit ? { unit: study.unit } : {}) };
}

/** The language pages fall back to: `defaultLanguage`, else the first declared. */
export function defaultLanguage(study: StudyLanguages): LanguageTag {
  return study.defaultLanguage ?? study.languages[0];
}

/** The study language a page shows for a requested one: itself when the study has it, else the default. */
export function contentLanguage(study: StudyLanguages, requested: string): LanguageTag {
  return study.languages.includes(requested) ? requested : defaultLanguage(study);
}

/** A categorical question as a cut: its question and the words that name it. */
export interface ResolvedCut {
  readonly variable: string;
  readonly question: SingleQuestion;
  /** the cut's label, or the question's text */
  readonly label: Label;
}

function resolveCuts(study: Study, cuts: readonly Cut[]): ResolvedCut[] {
  const out: ResolvedCut[] = [];
  for (const cut of cuts) {
    const question = findQuestion(study, cut.variable);
    if (question?.kind === 'single') out.push({ variable: cut.variable, question, label: cut.label ?? question.text });
  }
  return out;
}

/** The study's cuts (banners), in order, with their questions. */
export function studyCuts(study: Study): ResolvedCut[] {
  return resolveCuts(study, study.cuts);
}

/** The benchmark's peer groups, with their questions; empty when the study has no benchmark. */
export function benchmarkPeerGroups(study: Study): ResolvedCut[] {
  return study.benchmark ? resolveCuts(study, study.benchmark.peerGroups) : [];
}

/** The single-choice questions the weighting may rake on, in the study's order of `margins`. */
export function marginQuestions(study: Study): SingleQuestion[] {
  return study.margins.map((name) => findQuestion(study, name)).filter((q): q is SingleQuestion => q?.kind === 'single');
}

/**
 * The answer keys that identify a respondent (questions flagged `identifying`, with their "other" texts):
 * erasure removes them, retention purges them, exports leave them out unless asked.
 */
export function identifyingVariables(study: Study): string[] {
  const out: string[] = [];
  for (const { question } of allQuestions(study)) {
    if (question.kind === 'info' || !question.identifying) continue;
    // every answer key: the question's own, its "other" text, a multiple numeric's items, a grid's cells, a ranking's ranks
    out.push(...new Set([question.name, ...answerKeys(question)]));
  }
  return out;
}

/** The respondent unit in a language, for sentences; undefined when the study does not name one. */
export function unitIn(study: StudyLanguages, lang: LanguageTag): UnitForms | undefined {
  return study.unit?.[lang] ?? study.unit?.[defaultLanguage(study)];
}

/** A label in the study's language for `requested` (see `contentLanguage`). */
export function studyText(study: StudyLanguages, label: Label, requested: string): string {
  return labelIn(label, contentLanguage(study, requested));
}
