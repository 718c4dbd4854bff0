import { AppError } from '../app-error.js';
import type { Store, StudyVersion } from '../store/index.js';
import { validateStudy, type Study } from '../study/index.js';

/**
 * A stored version of a study (the latest when `version` is undefined), validated.
 * @throws AppError NOT_FOUND when the study or the version is not stored, INVALID_INPUT when the stored
 * document does not validate.
 */
export async function storedStudy(store: Pick<Store, 'studies'>, studyId: string, version?: number): Promise<{ stored: StudyVersion; study: Study }> {
  const stored = version === undefined ? await store.studies.latestVersion(studyId) : await store.studies.getVersion(studyId, version);
  if (!stored) {
    throw new AppError('NOT_FOUND', version === undefined ? `study ${studyId} is not stored` : `study ${studyId} has no version ${version}`, { studyId, version });
  }
  const result = validateStudy(stored.document);
  if (!result.ok) {
    throw new AppError('INVALID_INPUT', `study ${studyId} version ${stored.version}: stored document is invalid: ${result.errors[0].path}: ${result.errors[0].message}`);
  }
  return { stored, study: result.study };
}
