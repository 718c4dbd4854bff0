import type { ResponseRecord, Store, Wave } from '../../store/index.js';
import type { Study } from '../../study/index.js';
import { waveStudy } from '../wave-study.js';
import type { CleaningInput } from './cleaning-flag.js';
import { cleaningFlags, type CleaningFlags } from './cleaning-flags.js';
import { cleaningSettingsOf, type CleaningSettings } from './cleaning-settings.js';

export interface WaveCleaning {
  readonly kind: 'wave-cleaning';
  readonly study: Study;
  readonly settings: CleaningSettings;
  readonly responses: readonly ResponseRecord[];
  readonly flags: CleaningFlags;
  /** the responses to review, in id order: flagged or excluded */
  readonly reviewIds: readonly number[];
}

/**
 * A wave's responses with their cleaning flags under the wave's settings: the company and e-mail a rule reads
 * are the response's own, else those of the invited contact.
 */
export async function waveCleaning(store: Store, wave: Wave): Promise<WaveCleaning> {
  const study = await waveStudy(store, wave);
  const settings = cleaningSettingsOf(wave);
  const [responses, contacts, invitations] = await Promise.all([store.responses.list(wave.id), store.contacts.listByWave(wave.id), store.invitations.listByWave(wave.id)]);
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  const contactOfInvitation = new Map(invitations.map((i) => [i.id, i.contactId === null ? undefined : contactOf.get(i.contactId)]));
  const inputs: CleaningInput[] = responses.map((r) => {
    const contact = r.invitationId === null ? undefined : contactOfInvitation.get(r.invitationId);
    return { id: r.id, status: r.status, durationMs: r.durationMs, answers: r.answers, company: r.company ?? contact?.company ?? null, email: r.email ?? contact?.email ?? null };
  });
  const flags = cleaningFlags(study, inputs, settings);
  const reviewIds = Object.freeze(responses.filter((r) => flags.byResponse.has(r.id) || r.excluded).map((r) => r.id));
  return Object.freeze({ kind: 'wave-cleaning', study, settings, responses, flags, reviewIds });
}
