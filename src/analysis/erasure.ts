import type { JsonObject, JsonValue, Store } from '../store/index.js';
import { identifyingAnswersReader, withoutKeys } from './identifying-answers.js';

/** What an erasure did: counts only, never the person's data. */
export interface ErasureOutcome {
  readonly kind: 'erasure';
  readonly contacts: number;
  readonly leads: number;
  readonly invitations: number;
  readonly responsesAnonymised: number;
  readonly responsesDeleted: number;
  /** responses of others whose open texts quoted the address: the address replaced */
  readonly textsRedacted: number;
}

export const ERASED_TEXT = '[effacé]';

const normalize = (email: string) => email.trim().toLowerCase();

/** Replaces the address (any case) in every string of a JSON value. */
function redact(value: unknown, pattern: RegExp): unknown {
  if (typeof value === 'string') return value.replace(pattern, ERASED_TEXT);
  if (Array.isArray(value)) return value.map((v) => redact(v, pattern));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, pattern)]));
  return value;
}

/**
 * The right to erasure for one e-mail address, in one transaction: deletes the person's contacts (every
 * wave), their invitations and invitation links, their white paper leads; anonymises their responses
 * (e-mail, notification e-mail, company, invitation link, browser and benchmark hashes nulled, the answers
 * to the questions its wave's study version flags `identifying` removed, the address removed from open texts), or deletes them with `deleteResponses`; removes
 * the address from other responses' open texts and from audit details. Logs `gdpr.erase` with counts only.
 * Waves whose responses changed get a new data version (results are recomputed).
 */
export async function eraseEmail(store: Store, rawEmail: string, options: { deleteResponses?: boolean; userId?: number | null; by?: string } = {}): Promise<ErasureOutcome> {
  const email = normalize(rawEmail);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new RangeError(`eraseEmail: not an e-mail address`);
  const pattern = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  const outcome = await store.transaction(async (tx) => {
    const data = tx.personalData;
    const contactIds = await data.contactIdsByEmail(email);
    const invitationIds = await data.invitationIdsOfContacts(contactIds);
    const own = await data.responsesOfPerson(email, invitationIds);
    const ownIds = own.map((r) => r.id);
    const changedWaves = new Set(own.map((r) => r.waveId));

    let responsesDeleted = 0;
    let responsesAnonymised = 0;
    if (ownIds.length > 0 && options.deleteResponses) {
      responsesDeleted = await data.deleteResponses(ownIds);
    } else if (ownIds.length > 0) {
      await data.clearResponseIdentity(ownIds);
      const identifying = identifyingAnswersReader(tx);
      for (const row of await data.responseAnswers(ownIds)) {
        const { keys, repack } = await identifying(row.waveId);
        const answers = withoutKeys(redact(row.answers, pattern) as Record<string, unknown>, keys);
        await data.rewriteAnswers(row.id, answers as JsonObject, repack ? repack(answers) : undefined);
      }
      responsesAnonymised = ownIds.length;
    }

    // anyone else's open text quoting the address
    let textsRedacted = 0;
    for (const row of await data.responsesQuoting(email)) {
      await data.rewriteAnswers(row.id, redact(row.answers, pattern) as JsonObject);
      changedWaves.add(row.waveId);
      textsRedacted++;
    }
    for (const entry of await data.auditEntriesQuoting(email)) await data.rewriteAuditDetails(entry.id, redact(entry.details, pattern) as JsonValue);

    // invitation links go with their invitations (ON DELETE CASCADE), then the contacts and the leads
    await data.deleteInvitations(invitationIds);
    await data.deleteContacts(contactIds);
    const leads = await data.deleteLeadsByEmail(email);
    for (const waveId of changedWaves) {
      await tx.waves.bumpDataVersion(waveId);
      await tx.resultsCache.clear(waveId);
      await tx.whitePapers.clear(waveId);
    }

    const result: ErasureOutcome = Object.freeze({
      kind: 'erasure',
      contacts: contactIds.length,
      leads,
      invitations: invitationIds.length,
      responsesAnonymised,
      responsesDeleted,
      textsRedacted,
    });
    await tx.auditLog.append({ userId: options.userId ?? null, action: 'gdpr.erase', target: null, details: { ...result, by: options.by ?? 'cli' } });
    return result;
  });
  await store.compact();
  return outcome;
}
