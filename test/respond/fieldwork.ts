/** Test data for the questionnaire: the built-in study saved as a version, a wave in fieldwork, invitations. */
import type { Store, Wave } from '../../src/store/index.js';
import { BUILT_IN_STUDIES, validateStudy, type Study } from '../../src/study/index.js';
import { newInvitationToken, respondSecrets } from '../../src/server/routes/respond/respond-secrets.js';

export const STUDY: Study = (() => {
  const result = validateStudy(BUILT_IN_STUDIES[0]);
  if (!result.ok) throw new Error('the built-in study is invalid');
  return result.study;
})();

/** Saves the built-in study version and opens a wave with this code in fieldwork. */
export async function openWave(store: Store, code: string, status: Wave['status'] = 'fieldwork'): Promise<Wave> {
  const { studyVersion } = await store.studies.saveVersion(STUDY.id, STUDY as never);
  return store.waves.create({ studyId: STUDY.id, code, studyVersionId: studyVersion.id, title: `Édition ${code}`, status });
}

/** Creates an invitation to the wave and returns its token (only its HMAC is stored). */
export async function invite(store: Store, wave: Wave, secretKey: string): Promise<string> {
  const token = newInvitationToken();
  await store.invitations.create({ waveId: wave.id, tokenHash: respondSecrets(secretKey).tokenHash(token) });
  return token;
}
