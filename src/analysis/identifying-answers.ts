import type { Repositories } from '../store/index.js';
import { columnLayout, identifyingVariables, packAnswers, validateStudy, type Answers } from '../study/index.js';

/** What identifies a respondent in one wave, and how to pack answers again once those are removed. */
export interface IdentifyingAnswers {
  /** answer keys to remove */
  readonly keys: readonly string[];
  /** the packed vector of answers without those keys, when one of them is packed (a flagged choice); else null */
  readonly repack: ((answers: Record<string, unknown>) => Uint8Array) | null;
}

const NONE: IdentifyingAnswers = Object.freeze({ keys: [], repack: null });

/**
 * The answer keys that identify a respondent in a wave (its study version's questions flagged `identifying`,
 * with their "other" texts), read through the given repositories — a transaction's when called inside one.
 * Memoised per wave for the reader's lifetime (one erasure or purge). A wave whose study version is missing
 * or invalid gives no key: nothing is known to be identifying there.
 */
export function identifyingAnswersReader(repositories: Pick<Repositories, 'waves' | 'studies'>): (waveId: number) => Promise<IdentifyingAnswers> {
  const memo = new Map<number, Promise<IdentifyingAnswers>>();
  const read = async (waveId: number): Promise<IdentifyingAnswers> => {
    const wave = await repositories.waves.get(waveId);
    const version = wave && (await repositories.studies.getVersionById(wave.studyVersionId));
    const result = version ? validateStudy(version.document) : undefined;
    if (!result?.ok) return NONE;
    const keys = identifyingVariables(result.study);
    const layout = columnLayout(result.study);
    const packed = [...layout.byName.values()].some((c) => keys.includes(c.question));
    return Object.freeze({ keys, repack: packed ? (answers: Record<string, unknown>) => packAnswers(layout, answers as Answers) : null });
  };
  return (waveId) => {
    let keys = memo.get(waveId);
    if (!keys) memo.set(waveId, (keys = read(waveId)));
    return keys;
  };
}

/** A copy of the answers without the given keys. */
export function withoutKeys(answers: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...answers };
  for (const key of keys) delete out[key];
  return out;
}
