import type { Store } from '../store/index.js';
import { compactStorage } from './erasure.js';
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
    const { db } = tx;
    const contactIds = (await db.selectFrom('contacts').select('id').where('createdAt', '<', before).execute()).map((c) => c.id);
    const invitationIds = contactIds.length === 0 ? [] : (await db.selectFrom('invitations').select('id').where('contactId', 'in', contactIds).execute()).map((i) => i.id);
    let responsesAnonymised = 0;
    if (invitationIds.length > 0) {
      const identifying = identifyingAnswersReader(tx);
      const repacked = new Set<number>();
      const rows = await db.selectFrom('responses').select(['id', 'waveId', 'answers']).where('invitationId', 'in', invitationIds).execute();
      for (const row of rows) {
        const { keys, repack } = await identifying(row.waveId);
        const answers = withoutKeys(JSON.parse(row.answers) as Record<string, unknown>, keys);
        if (repack) repacked.add(row.waveId);
        await db
          .updateTable('responses')
          .set({
            email: null,
            notifyEmail: null,
            notifiedAt: null,
            company: null,
            invitationId: null,
            browserHash: null,
            answers: JSON.stringify(answers),
            ...(repack ? { packed: repack(answers) } : {}),
          })
          .where('id', '=', row.id)
          .execute();
      }
      responsesAnonymised = rows.length;
      // a removed choice changes the statistics: those waves' results are computed again
      for (const waveId of repacked) await tx.waves.bumpDataVersion(waveId);
      await db.deleteFrom('invitations').where('id', 'in', invitationIds).execute();
    }
    if (contactIds.length > 0) await db.deleteFrom('contacts').where('id', 'in', contactIds).execute();
    const leads = Number((await db.deleteFrom('leads').where('createdAt', '<', before).executeTakeFirst()).numDeletedRows);
    const result: PurgeOutcome = Object.freeze({ kind: 'retention-purge', before, contacts: contactIds.length, invitations: invitationIds.length, leads, responsesAnonymised });
    await tx.auditLog.append({ userId: options.userId ?? null, action: 'gdpr.purge', target: null, details: { ...result, by: options.by ?? 'cli' } });
    return result;
  });
  if (outcome.contacts + outcome.leads > 0) await compactStorage(store);
  return outcome;
}
