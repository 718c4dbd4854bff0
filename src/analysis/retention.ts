import type { JsonObject, Store } from '../store/index.js';
import { identifyingAnswersReader, withoutKeys } from './identifying-answers.js';

/** What a retention purge did: counts only. */
export interface PurgeOutcome {
  readonly kind: 'retention-purge';
  /** ISO time: contacts and leads created before it were purged */
  readonly before: string;
  readonly contacts: number;
  readonly invitations: number;
  readonly leads: number;
  /** responses of purged invitations: identity fields nulled, kept for statistics */
  readonly responsesAnonymised: number;
}

/** `now` minus `months` calendar months (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * The retention rule (RETENTION_MONTHS): deletes contacts and white paper leads created more than `months`
 * months ago, with their invitations and links; their responses stay for statistics, without identity
 * (e-mail, notification e-mail, company, invitation link, and the answers to the questions its wave's study
 * version flags `identifying`). Logs `gdpr.purge` with counts.
 */
export async function purgeExpired(store: Store, months: number, options: { now?: Date; userId?: number | null; by?: string } = {}): Promise<PurgeOutcome> {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`purgeExpired: months must be a positive integer (got ${months})`);
  const before = retentionCutoff(options.now ?? new Date(), months).toISOString();
  const outcome = await store.transaction(async (tx) => {
    const data = tx.personalData;
    const contactIds = await data.contactIdsCreatedBefore(before);
    const invitationIds = await data.invitationIdsOfContacts(contactIds);
    let responsesAnonymised = 0;
    if (invitationIds.length > 0) {
      const identifying = identifyingAnswersReader(tx);
      const repacked = new Set<number>();
      const rows = await data.responseAnswersOfInvitations(invitationIds);
      // the identity fields listed above; the benchmark token hash is not one of them
      await data.clearResponseIdentity(
        rows.map((r) => r.id),
        { keepBenchmarkToken: true },
      );
      for (const row of rows) {
        const { keys, repack } = await identifying(row.waveId);
        const answers = withoutKeys(row.answers, keys);
        if (repack) repacked.add(row.waveId);
        await data.rewriteAnswers(row.id, answers as JsonObject, repack ? repack(answers) : undefined);
      }
      responsesAnonymised = rows.length;
      // a removed choice changes the statistics: those waves' results are computed again
      for (const waveId of repacked) await tx.waves.bumpDataVersion(waveId);
      await data.deleteInvitations(invitationIds);
    }
    await data.deleteContacts(contactIds);
    const leads = await data.deleteLeadsCreatedBefore(before);
    const result: PurgeOutcome = Object.freeze({ kind: 'retention-purge', before, contacts: contactIds.length, invitations: invitationIds.length, leads, responsesAnonymised });
    await tx.auditLog.append({ userId: options.userId ?? null, action: 'gdpr.purge', target: null, details: { ...result, by: options.by ?? 'cli' } });
    return result;
  });
  if (outcome.contacts + outcome.leads > 0) await store.compact();
  return outcome;
}
