import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { isoTime } from '../time.js';

/** Why a contact of the earlier wave is not copied: it asked for no more messages, or its address bounced. */
export type ContactLeftOutReason = 'unsubscribed' | 'bounced';

/** What `copyContacts` did: how many contacts it copied, and how many it left out for each reason. */
export interface ContactsCopy {
  readonly kind: 'contacts-copy';
  readonly copied: number;
  readonly leftOut: Readonly<Record<ContactLeftOutReason, number>>;
}

/** Contact statuses that keep an address out of later waves (the fieldwork layer writes them). */
const OPTED_OUT: readonly ContactLeftOutReason[] = ['unsubscribed', 'bounced'];

/** Rows per INSERT: 6 parameters a row, far under both databases' parameter limits. */
const ROWS_PER_STATEMENT = 500;

/**
 * Copies the contacts of wave `fromWaveId` into wave `toWaveId` (e-mail, name, company, profile), each as
 * a new contact not invited yet, in their order. Left out: a contact unsubscribed or bounced in the earlier
 * wave, and an address (any case) that unsubscribed or bounced in any wave of the study `studyId`: an
 * unsubscribe is from the survey, not from one wave. Contacts erased on request no longer exist, so they are
 * never copied. Runs inside the caller's transaction when there is one (`store.transaction`).
 */
export async function copyContacts(
  db: Kysely<Database>,
  input: { readonly fromWaveId: number; readonly toWaveId: number; readonly studyId: string },
  now = new Date(),
): Promise<ContactsCopy> {
  const [source, optedOut] = await Promise.all([
    db.selectFrom('contacts').select(['email', 'name', 'company', 'profile', 'status', 'unsubscribedAt']).where('waveId', '=', input.fromWaveId).orderBy('id').execute(),
    db
      .selectFrom('contacts')
      .innerJoin('waves', 'waves.id', 'contacts.waveId')
      .select([sql<string>`lower(contacts.email)`.as('address'), 'contacts.status', 'contacts.unsubscribedAt'])
      .where('waves.studyId', '=', input.studyId)
      .where((eb) => eb.or([eb('contacts.status', 'in', OPTED_OUT), eb('contacts.unsubscribedAt', 'is not', null)]))
      .execute(),
  ]);
  const reasonOf = (status: string, unsubscribedAt: string | null): ContactLeftOutReason | undefined =>
    status === 'unsubscribed' || unsubscribedAt !== null ? 'unsubscribed' : status === 'bounced' ? 'bounced' : undefined;
  const addressReason = new Map<string, ContactLeftOutReason>();
  for (const row of optedOut) {
    const reason = reasonOf(row.status, row.unsubscribedAt);
    // an unsubscribe outweighs a bounce: it is the person's own choice
    if (reason && addressReason.get(row.address) !== 'unsubscribed') addressReason.set(row.address, reason);
  }
  const leftOut: Record<ContactLeftOutReason, number> = { unsubscribed: 0, bounced: 0 };
  const at = isoTime(now);
  const kept: { waveId: number; email: string; name: string | null; company: string | null; profile: string | null; status: string; createdAt: string }[] = [];
  for (const contact of source) {
    const reason = reasonOf(contact.status, contact.unsubscribedAt) ?? addressReason.get(contact.email.toLowerCase());
    if (reason) leftOut[reason]++;
    else kept.push({ waveId: input.toWaveId, email: contact.email, name: contact.name, company: contact.company, profile: contact.profile, status: 'new', createdAt: at });
  }
  for (let i = 0; i < kept.length; i += ROWS_PER_STATEMENT) {
    await db
      .insertInto('contacts')
      .values(kept.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
  }
  return Object.freeze({ kind: 'contacts-copy', copied: kept.length, leftOut: Object.freeze(leftOut) });
}
