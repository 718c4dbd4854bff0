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

/** Form fields that answer every page of the built-in study along the "uses social media" branch. */
export const FULL_PAGES: readonly (readonly [string, string][])[] = [
  [['consent', 'yes']],
  [
    ['company_size', '2'],
    ['sector', '3'],
    ['region', '1'],
    ['respondent_function', '2'],
    ['company_name', ''],
  ],
  [
    ['uses_social', '1'],
    ['importance', '3'],
  ],
  [
    ['networks', '1'],
    ['networks', '4'],
    ['main_network', '1'],
    ['presence_years', '3'],
  ],
  [
    ['objectives', '1'],
    ['objectives', '3'],
    ['team_size', '1,5'],
    ['managed_by', '1'],
    ['budget_trend', '1'],
    ['budget_share', ''],
  ],
  [
    ['ereputation', '2'],
    ['relation_strengthens', '3'],
    ['relation_service', '4'],
    ['relation_sales', '2'],
    ['relation_loyalty', '3'],
    ['relation_advocacy', '9'],
    ['crm_enrich', '2'],
    ['response_time', '2'],
  ],
  [
    ['social_selling', '2'],
    ['social_ads', '1'],
  ],
  [
    ['measures_results', '1'],
    ['kpis', '1'],
    ['kpis', '2'],
    ['measure_tools', '1'],
  ],
  [
    ['challenges', '1'],
    ['challenges', '2'],
  ],
  [
    ['internal_communication', '3'],
    ['internal_training', '3'],
    ['internal_leadership', '2'],
    ['internal_advocacy', '3'],
    ['internal_skills', '4'],
    ['social_policy', '1'],
  ],
  [
    ['outlook', '4'],
    ['comments', 'RAS'],
  ],
];
