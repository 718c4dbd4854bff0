import { z } from 'zod';
import { ZLabel, ZLanguage } from './label.js';
import { ZCode, ZQuestion, ZVariableName, type Question } from './question.js';

export const ZStudyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a study id is lower case letters, digits and -');
const ZIdentifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'an id is lower case letters, digits and _');

export const ZPage = z.strictObject({
  id: ZIdentifier,
  title: ZLabel,
  intro: ZLabel.optional(),
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
  scoring: z
    .array(z.strictObject({ variable: ZVariableName, scores: z.array(z.strictObject({ code: ZCode, score: z.number().min(0).max(1) })).min(1) }))
    .min(1),
  recommendations: z.array(ZLabel).min(2).max(4),
});
export type MaturityDimension = z.infer<typeof ZMaturityDimension>;

export const ZStudy = z.strictObject({
  id: ZStudyId,
  version: z.number().int().min(1),
  title: ZLabel,
  description: ZLabel,
  /** the first is the default */
  languages: z.array(ZLanguage).min(1).default(['fr', 'en']),
  estimatedMinutes: z.number().int().min(1).max(120),
  producers: z.array(z.strictObject({ name: z.string().min(1), url: z.string().url().optional() })).default([]),
  logo: z.string().optional(),
  privacyNotice: ZLabel,
  themes: z.array(ZTheme).default([]),
  pages: z.array(ZPage).min(1, 'a study needs at least one page'),
  indicators: z.array(ZIndicator).default([]),
  maturity: z.array(ZMaturityDimension).default([]),
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

/** The question that carries a profile role (size, sector, region, function). */
export function profileQuestion(study: Study, role: string): Question | undefined {
  for (const page of study.pages) for (const q of page.questions) if (q.kind === 'single' && q.profile === role) return q;
  return undefined;
}
