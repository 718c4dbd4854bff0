import { validateStudy, type Study, type StudyIssue } from '../study/index.js';
import { importLss } from './import-lss.js';
import { importSurveyJs } from './import-surveyjs.js';

/** The file formats a study may be stored from: our JSON document, a LimeSurvey .lss, a SurveyJS survey JSON. */
export const STUDY_FILE_FORMATS = ['native', 'limesurvey', 'surveyjs'] as const;
export type StudyFileFormat = (typeof STUDY_FILE_FORMATS)[number];

export function isStudyFileFormat(value: unknown): value is StudyFileFormat {
  return typeof value === 'string' && (STUDY_FILE_FORMATS as readonly string[]).includes(value);
}

/** A study file read: the validated study, or every error with its path; the importers' warnings either way. */
export type StudyFileReading =
  | { readonly ok: true; readonly study: Study; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly StudyIssue[]; readonly warnings: readonly string[] };

/**
 * Reads a study file of `format` into a validated study, converting LimeSurvey and SurveyJS questionnaires
 * with their importers (constructs left out are warnings). `studyId` names the study of an import (its
 * title gives one otherwise); a native document must carry that id when it is given. Never throws on bad
 * input: an unreadable file is an error at `(document)`.
 */
export function readStudyFile(text: string, format: StudyFileFormat, options: { studyId?: string } = {}): StudyFileReading {
  const fail = (message: string, path = '(document)'): StudyFileReading => ({ ok: false, errors: [{ path, message }], warnings: [] });
  if (text.trim() === '') return fail('the file is empty');
  if (format === 'native') {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return fail(`not valid JSON: ${(error as Error).message}`);
    }
    const result = validateStudy(document);
    if (!result.ok) return { ok: false, errors: result.errors, warnings: [] };
    if (options.studyId !== undefined && result.study.id !== options.studyId) {
      return fail(`the file is study "${result.study.id}", not "${options.studyId}"`, 'id');
    }
    return { ok: true, study: result.study, warnings: [] };
  }
  let imported;
  try {
    imported = format === 'limesurvey' ? importLss(text, options) : importSurveyJs(text, options);
  } catch (error) {
    return fail(`not a ${format === 'limesurvey' ? 'LimeSurvey .lss' : 'SurveyJS'} file: ${(error as Error).message}`);
  }
  // every construct left out is reported with the warnings, so that nothing is dropped silently
  const warnings = [...imported.warnings, ...imported.losses.map((l) => `${l.where}: ${l.construct} left out: ${l.effect}`)];
  if (!imported.ok || !imported.study) return { ok: false, errors: imported.errors, warnings };
  return { ok: true, study: imported.study, warnings };
}
