import type { Store } from '../store/index.js';
import { BUILT_IN_STUDIES, validateStudy } from '../study/index.js';

/**
 * Makes sure every built-in study is stored, as a new version when its document changed since the last
 * start (waves keep the version they were opened with). Idempotent.
 */
export async function installBuiltInStudies(store: Store): Promise<{ studyId: string; version: number; created: boolean }[]> {
  const out = [];
  for (const input of BUILT_IN_STUDIES) {
    const result = validateStudy(input);
    if (!result.ok) throw new Error(`built-in study ${input.id}: ${result.errors[0].path}: ${result.errors[0].message}`);
    const saved = await store.studies.saveVersion(result.study.id, JSON.parse(JSON.stringify(result.study)));
    out.push({ studyId: result.study.id, version: saved.studyVersion.version, created: saved.kind === 'created' });
  }
  return out;
}
