import { AppError } from '../app-error.js';
import type { Store, Wave } from '../store/index.js';
import { validateStudy, type Study } from '../study/index.js';

const cache = new Map<string, Study>();

/**
 * The study version a wave was opened with (a later edit of the study never changes it), validated.
 * Versions are immutable, so they are cached per database and version id.
 */
export async function waveStudy(store: Store, wave: Wave): Promise<Study> {
  const key = `${store.dialect}:${wave.studyVersionId}:${wave.studyId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const version = await store.studies.getVersionById(wave.studyVersionId);
  if (!version) throw new AppError('NOT_FOUND', `wave ${wave.code}: study version ${wave.studyVersionId} does not exist`);
  const result = validateStudy(version.document);
  if (!result.ok) throw new AppError('INVALID_INPUT', `wave ${wave.code}: stored study is invalid: ${result.errors[0].path}: ${result.errors[0].message}`);
  cache.set(key, result.study);
  return result.study;
}
