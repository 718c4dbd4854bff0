import { AppError } from '../app-error.js';
import type { Store, Wave } from '../store/index.js';
import { validateStudy, withDefaultIndicators, type Study } from '../study/index.js';

/** Validated study versions per open store (a module-level map keyed by dialect would mix databases). */
const cache = new WeakMap<Store, Map<number, Study>>();
const CACHE_SIZE = 64;

/**
 * The study version a wave was opened with (a later edit of the study never changes it), validated, with
 * the default indicators of its questionnaire when it defines none (`withDefaultIndicators`): the one
 * loader every part reads a wave's study from, so results, dashboard, white paper, API and benchmark see
 * the same indicators. Versions are immutable, so they are cached per store and version id.
 */
export async function waveStudy(store: Store, wave: Wave): Promise<Study> {
  let studies = cache.get(store);
  if (!studies) cache.set(store, (studies = new Map()));
  const hit = studies.get(wave.studyVersionId);
  if (hit) return hit;
  const version = await store.studies.getVersionById(wave.studyVersionId);
  if (!version) throw new AppError('NOT_FOUND', `wave ${wave.code}: study version ${wave.studyVersionId} does not exist`);
  const result = validateStudy(version.document);
  if (!result.ok) throw new AppError('INVALID_INPUT', `wave ${wave.code}: stored study is invalid: ${result.errors[0].path}: ${result.errors[0].message}`);
  const study = withDefaultIndicators(result.study);
  studies.set(wave.studyVersionId, study);
  if (studies.size > CACHE_SIZE) studies.delete(studies.keys().next().value!);
  return study;
}
