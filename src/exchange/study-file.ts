import { t, type MessageKey, type MessageParams } from '../messages/index.js';
import { validateStudy, type Study, type StudyIssue } from '../study/index.js';
import { importLss } from './import-lss.js';
import { importSurveyJs } from './import-surveyjs.js';
import { groupLosses, type QuestionnaireImport, type QuestionnaireImportOptions } from './questionnaire-import.js';
import { importXlsForm } from './read-xlsform.js';

/** The file formats a study may be stored from: our JSON document, a LimeSurvey .lss, a SurveyJS survey JSON, an XLSForm .xlsx. */
export const STUDY_FILE_FORMATS = ['native', 'limesurvey', 'surveyjs', 'xlsform'] as const;
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
 * with their importers (constructs left out are warnings, and the losses follow them as `lost: …` lines;
 * a loss that changes who sees what is an error unless `acceptLosses`). `studyId` names the study of an import (its
 * title gives one otherwise); a native document must carry that id when it is given. Never throws on bad
 * input: an unreadable file is an error at `(document)`.
 */
/** The losses of an import as report lines, grouped by construct: `lost: relevance equation: Q3: the question is shown to everyone…`. */
export function lossLines(imported: QuestionnaireImport): string[] {
  return [...groupLosses(imported.losses)].flatMap(([construct, losses]) => losses.map((l) => `lost: ${construct}: ${l.where}: ${l.effect}`));
}

/** A file that cannot be read: one error at `path`, in English with its key for the workspace's languages. */
function unreadable(key: MessageKey, params: MessageParams = {}, path = '(document)'): StudyFileReading {
  return { ok: false, errors: [{ path, message: t('en', key, params), key, params }], warnings: [] };
}

export function readStudyFile(text: string, format: StudyFileFormat, options: QuestionnaireImportOptions = {}): StudyFileReading {
  const fail = (message: string, path = '(document)'): StudyFileReading => ({ ok: false, errors: [{ path, message }], warnings: [] });
  if (text.trim() === '') return unreadable('study.file.empty');
  if (format === 'xlsform') return fail('an XLSForm is a binary .xlsx file: read it with readStudyBytes');
  if (format === 'native') {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return unreadable('study.file.notJson', { reason: (error as Error).message });
    }
    const result = validateStudy(document);
    if (!result.ok) return { ok: false, errors: result.errors, warnings: [] };
    if (options.studyId !== undefined && result.study.id !== options.studyId) {
      return unreadable('study.file.otherStudy', { id: result.study.id, expected: options.studyId }, 'id');
    }
    return { ok: true, study: result.study, warnings: [] };
  }
  let imported: QuestionnaireImport;
  try {
    imported = format === 'limesurvey' ? importLss(text, options) : importSurveyJs(text, options);
  } catch (error) {
    return unreadable(format === 'limesurvey' ? 'study.file.notLimeSurvey' : 'study.file.notSurveyJs', { reason: (error as Error).message });
  }
  const warnings = [...imported.warnings, ...lossLines(imported)];
  if (!imported.ok || !imported.study) return { ok: false, errors: imported.errors, warnings };
  return { ok: true, study: imported.study, warnings };
}

/**
 * Reads a study file from its bytes: an XLSForm workbook through the XLSForm importer, every other format
 * as UTF-8 text through `readStudyFile`. Never throws on bad input.
 */
export async function readStudyBytes(bytes: Uint8Array, format: StudyFileFormat, options: QuestionnaireImportOptions = {}): Promise<StudyFileReading> {
  if (format !== 'xlsform') return readStudyFile(new TextDecoder().decode(bytes), format, options);
  if (bytes.byteLength === 0) return unreadable('study.file.empty');
  let imported;
  try {
    imported = await importXlsForm(bytes, options);
  } catch (error) {
    return unreadable('study.file.notXlsForm', { reason: (error as Error).message });
  }
  const warnings = [...imported.warnings, ...lossLines(imported)];
  if (!imported.ok || !imported.study) return { ok: false, errors: imported.errors, warnings };
  return { ok: true, study: imported.study, warnings };
}
