import { sql } from 'kysely';
import type { Store, TransactionStore } from '../store/index.js';
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const normalize = (email: string) => email.trim().toLowerCase();

/** Replaces the address (any case) in every string of a JSON value. */
function redact(value: unknown, pattern: RegExp): unknown {
  if (typeof value === 'string') return value.replace(pattern, ERASED_TEXT);
  if (Array.isArray(value)) return value.map((v) => redact(v, pattern));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, pattern)]));
  return value;
}

/** Rows whose text column contains the address, any case (LIKE is ASCII-case-insensitive on SQLite, ILIKE on PostgreSQL). */
function containing(dialect: Store['dialect'], column: string, email: string) {
  const pattern = `%${escapeLike(email)}%`;
  return dialect === 'postgres' ? sql<boolean>`${sql.ref(column)} ilike ${pattern}` : sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
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
    const { db } = tx;
    const contacts = await db.selectFrom('contacts').select('id').where(sql<string>`lower(email)`, '=', email).execute();
    const contactIds = contacts.map((c) => c.id);
    const invitations = contactIds.length === 0 ? [] : await db.selectFrom('invitations').select('id').where('contactId', 'in', contactIds).execute();
    const invitationIds = invitations.map((i) => i.id);
    const own = await db
      .selectFrom('responses')
      .select(['id', 'waveId'])
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(email)`, '=', email),
          eb(sql<string>`lower(notify_email)`, '=', email),
          ...(invitationIds.length > 0 ? [eb('invitationId', 'in', invitationIds)] : []),
        ]),
      )
      .execute();
    const ownIds = new Set(own.map((r) => r.id));
    const changedWaves = new Set(own.map((r) => r.waveId));

    let responsesDeleted = 0;
    let responsesAnonymised = 0;
    if (ownIds.size > 0 && options.deleteResponses) {
      responsesDeleted = Number(
        (
          await db
            .deleteFrom('responses')
            .where('id', 'in', [...ownIds])
            .executeTakeFirst()
        ).numDeletedRows,
      );
    } else if (ownIds.size > 0) {
      await db
        .updateTable('responses')
        .set({ email: null, notifyEmail: null, notifiedAt: null, company: null, invitationId: null, browserHash: null, benchmarkTokenHash: null })
        .where('id', 'in', [...ownIds])
        .execute();
      const identifying = identifyingAnswersReader(tx);
      for (const row of await db
        .selectFrom('responses')
        .select(['id', 'waveId', 'answers'])
        .where('id', 'in', [...ownIds])
        .execute()) {
        const { keys, repack } = await identifying(row.waveId);
        const answers = withoutKeys(redact(JSON.parse(row.answers), pattern) as Record<string, unknown>, keys);
        await db
          .updateTable('responses')
          .set({ answers: JSON.stringify(answers), ...(repack ? { packed: repack(answers) } : {}) })
          .where('id', '=', row.id)
          .execute();
      }
      responsesAnonymised = ownIds.size;
    }

    // anyone else's open text quoting the address
    let textsRedacted = 0;
    for (const row of await db
      .selectFrom('responses')
      .select(['id', 'waveId', 'answers'])
      .where(containing(tx.dialect, 'answers', email))
      .execute()) {
      await db
        .updateTable('responses')
        .set({ answers: JSON.stringify(redact(JSON.parse(row.answers), pattern)) })
        .where('id', '=', row.id)
        .execute();
      changedWaves.add(row.waveId);
      textsRedacted++;
    }
    for (const row of await db
      .selectFrom('auditLog')
      .select(['id', 'details'])
      .where(containing(tx.dialect, 'details', email))
      .execute()) {
      await db
        .updateTable('auditLog')
        .set({ details: JSON.stringify(redact(JSON.parse(row.details ?? 'null'), pattern)) })
        .where('id', '=', row.id)
        .execute();
    }

    // invitation links go with their invitations (ON DELETE CASCADE), then the contacts and the leads
    if (invitationIds.length > 0) await db.deleteFrom('invitations').where('id', 'in', invitationIds).execute();
    if (contactIds.length > 0) await db.deleteFrom('contacts').where('id', 'in', contactIds).execute();
    const leads = Number((await db.deleteFrom('leads').where(sql<string>`lower(email)`, '=', email).executeTakeFirst()).numDeletedRows);
    for (const waveId of changedWaves) await bumpDataVersion(tx, waveId);

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
  await compactStorage(store);
  return outcome;
}

async function bumpDataVersion(tx: TransactionStore, waveId: number): Promise<void> {
  await tx.db
    .updateTable('waves')
    .set((eb) => ({ dataVersion: eb('dataVersion', '+', 1) }))
    .where('id', '=', waveId)
    .execute();
  await tx.db.deleteFrom('resultsCache').where('waveId', '=', waveId).execute();
}

/**
 * SQLite keeps deleted rows in free pages and in the write-ahead log: rewrites the file (VACUUM) and
 * empties the log, so that erased data is gone from the disk. PostgreSQL's dead tuples are left to autovacuum.
 */
export async function compactStorage(store: Store): Promise<void> {
  if (store.dialect !== 'sqlite') return;
  await sql`vacuum`.execute(store.db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
}
