import { sql, type Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { isUniqueViolation } from '../constraint-violation.js';
import { fromJson, toJson, type JsonValue } from '../json.js';
import type { ContactsTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';
import { copyContacts, type ContactsCopy } from './copy-contacts.js';

export interface Contact {
  readonly id: number;
  readonly waveId: number;
  readonly email: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly profile: JsonValue;
  /** free text owned by the fieldwork layer, e.g. new, invited, bounced, unsubscribed */
  readonly status: string;
  readonly unsubscribedAt: string | null;
  readonly createdAt: string;
  /** when the mail server rejected the address for good (SMTP 5xx), and its reply; null otherwise */
  readonly bouncedAt: string | null;
  readonly bounceReason: string | null;
}

export interface NewContact {
  waveId: number;
  email: string;
  name?: string | null;
  company?: string | null;
  profile?: JsonValue;
  status?: string;
}

const toContact = (row: Selectable<ContactsTable>): Contact => Object.freeze({ ...row, profile: fromJson(row.profile, null) });

/** People to invite to a wave (one row per wave and e-mail). */
export function createContactsRepository({ db }: StoreContext) {
  return {
    /** Throws AppError CONFLICT when the e-mail is already a contact of the wave. */
    async create(input: NewContact, now = new Date()): Promise<Contact> {
      try {
        const row = await db
          .insertInto('contacts')
          .values({
            waveId: input.waveId,
            email: input.email,
            name: input.name ?? null,
            company: input.company ?? null,
            profile: toJson(input.profile),
            status: input.status ?? 'new',
            createdAt: isoTime(now),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toContact(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', `${input.email} is already a contact of this wave`, { email: input.email });
        throw error;
      }
    },

    async get(id: number): Promise<Contact | undefined> {
      const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toContact(row);
    },

    async getByEmail(waveId: number, email: string): Promise<Contact | undefined> {
      const row = await db.selectFrom('contacts').selectAll().where('waveId', '=', waveId).where('email', '=', email).executeTakeFirst();
      return row && toContact(row);
    },

    async listByWave(waveId: number, options: { status?: string } = {}): Promise<Contact[]> {
      const rows = await db
        .selectFrom('contacts')
        .selectAll()
        .where('waveId', '=', waveId)
        .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
        .orderBy('id')
        .execute();
      return rows.map(toContact);
    },

    async setStatus(id: number, status: string): Promise<void> {
      await db.updateTable('contacts').set({ status }).where('id', '=', id).execute();
    },

    async setStatusMany(ids: readonly number[], status: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('contacts')
        .set({ status })
        .where('id', 'in', [...ids])
        .execute();
    },

    /**
     * Copies the contacts of one wave into another of the same study, as not invited yet, leaving out those
     * who unsubscribed or bounced (in any wave of the study); see `copyContacts`.
     */
    copyToWave(input: { fromWaveId: number; toWaveId: number; studyId: string }, now = new Date()): Promise<ContactsCopy> {
      return copyContacts(db, input, now);
    },

    /** A permanent SMTP rejection of the address: status 'bounced', the date and the server's reply (an unsubscribed contact keeps its status). */
    async markBounced(id: number, reason: string, now = new Date()): Promise<void> {
      await db
        .updateTable('contacts')
        .set((eb) => ({
          status: sql<string>`case when ${eb.ref('status')} = 'unsubscribed' then 'unsubscribed' else 'bounced' end`,
          bouncedAt: isoTime(now),
          bounceReason: reason.slice(0, 500),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** Sets status 'unsubscribed' and the date (kept when already unsubscribed). */
    async unsubscribe(id: number, now = new Date()): Promise<void> {
      await db
        .updateTable('contacts')
        .set((eb) => ({ status: 'unsubscribed', unsubscribedAt: eb.fn.coalesce('unsubscribedAt', eb.val(isoTime(now))) }))
        .where('id', '=', id)
        .execute();
    },
  };
}

export type ContactsRepository = ReturnType<typeof createContactsRepository>;
