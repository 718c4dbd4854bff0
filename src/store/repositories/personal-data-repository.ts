import { sql } from 'kysely';
import { fromJson, toJson, type JsonObject, type JsonValue } from '../json.js';
import type { StoreContext } from '../store-context.js';
import type { StoreDialect } from '../store-dialect.js';
import { toBuffer } from './response-record.js';

/** A response's id, wave and answers (parsed), as erasure and retention rewrite them. */
export interface ResponseAnswers {
  readonly id: number;
  readonly waveId: number;
  readonly answers: JsonObject;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Rows whose text column contains `text`, any case: ILIKE on PostgreSQL; LIKE on SQLite, which is
 * case-insensitive for ASCII letters only (an address is matched as the caller normalised it).
 */
function containing(dialect: StoreDialect, column: 'answers' | 'details', text: string) {
  const pattern = `%${escapeLike(text)}%`;
  return dialect === 'postgres' ? sql<boolean>`${sql.ref(column)} ilike ${pattern}` : sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

const ids = (rows: readonly { readonly id: number }[]) => rows.map((r) => r.id);

/**
 * The statements of the right to erasure and of the retention rule, across contacts, invitations,
 * responses, leads and the audit log. The caller (analysis/erasure.ts, analysis/retention.ts) decides
 * what to remove and runs them in one transaction; e-mail addresses are compared lower-cased, so pass
 * them normalised (trimmed, lower case). Empty id lists are allowed and touch nothing.
 */
export function createPersonalDataRepository({ db, dialect }: StoreContext) {
  const answersOf = (rows: readonly { id: number; waveId: number; answers: string }[]): ResponseAnswers[] =>
    rows.map((r) => Object.freeze({ id: r.id, waveId: r.waveId, answers: fromJson<JsonObject>(r.answers, {}) }));

  return {
    /** Contacts (every wave) whose address is `email`, any case. */
    async contactIdsByEmail(email: string): Promise<number[]> {
      return ids(await db.selectFrom('contacts').select('id').where(sql<string>`lower(email)`, '=', email).execute());
    },

    /** Contacts created before `before` (ISO time). */
    async contactIdsCreatedBefore(before: string): Promise<number[]> {
      return ids(await db.selectFrom('contacts').select('id').where('createdAt', '<', before).execute());
    },

    /** The invitations sent to these contacts. */
    async invitationIdsOfContacts(contactIds: readonly number[]): Promise<number[]> {
      if (contactIds.length === 0) return [];
      return ids(await db.selectFrom('invitations').select('id').where('contactId', 'in', contactIds).execute());
    },

    /** Responses given with this e-mail or notification e-mail (any case), or through one of these invitations. */
    async responsesOfPerson(email: string, invitationIds: readonly number[]): Promise<{ id: number; waveId: number }[]> {
      return db
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
    },

    /** The answers of these responses. */
    async responseAnswers(responseIds: readonly number[]): Promise<ResponseAnswers[]> {
      if (responseIds.length === 0) return [];
      return answersOf(await db.selectFrom('responses').select(['id', 'waveId', 'answers']).where('id', 'in', responseIds).execute());
    },

    /** The answers of the responses given through these invitations. */
    async responseAnswersOfInvitations(invitationIds: readonly number[]): Promise<ResponseAnswers[]> {
      if (invitationIds.length === 0) return [];
      return answersOf(await db.selectFrom('responses').select(['id', 'waveId', 'answers']).where('invitationId', 'in', invitationIds).execute());
    },

    /** Responses whose answers' JSON text contains `text` (any case; see `containing`). */
    async responsesQuoting(text: string): Promise<ResponseAnswers[]> {
      return answersOf(
        await db
          .selectFrom('responses')
          .select(['id', 'waveId', 'answers'])
          .where(containing(dialect, 'answers', text))
          .execute(),
      );
    },

    /** Audit entries whose details' JSON text contains `text` (any case). */
    async auditEntriesQuoting(text: string): Promise<{ id: number; details: JsonValue }[]> {
      const rows = await db
        .selectFrom('auditLog')
        .select(['id', 'details'])
        .where(containing(dialect, 'details', text))
        .execute();
      return rows.map((r) => ({ id: r.id, details: fromJson(r.details, null) }));
    },

    /**
     * Nulls what identifies the respondents of these responses: e-mail, notification e-mail and its time,
     * company, invitation link, browser hash, and the benchmark token hash unless `keepBenchmarkToken`.
     * The answers are the caller's (`rewriteAnswers`); the data version is not bumped.
     */
    async clearResponseIdentity(responseIds: readonly number[], options: { keepBenchmarkToken?: boolean } = {}): Promise<void> {
      if (responseIds.length === 0) return;
      await db
        .updateTable('responses')
        .set({
          email: null,
          notifyEmail: null,
          notifiedAt: null,
          company: null,
          invitationId: null,
          browserHash: null,
          ...(options.keepBenchmarkToken ? {} : { benchmarkTokenHash: null }),
        })
        .where('id', 'in', responseIds)
        .execute();
    },

    /** Replaces a response's answers and, when given, its packed vector (the data version is not bumped). */
    async rewriteAnswers(responseId: number, answers: JsonValue, packed?: Uint8Array): Promise<void> {
      await db
        .updateTable('responses')
        .set({ answers: toJson(answers)!, ...(packed ? { packed: toBuffer(packed) } : {}) })
        .where('id', '=', responseId)
        .execute();
    },

    /** Replaces an audit entry's details. */
    async rewriteAuditDetails(entryId: number, details: JsonValue): Promise<void> {
      await db
        .updateTable('auditLog')
        .set({ details: toJson(details) })
        .where('id', '=', entryId)
        .execute();
    },

    /** Deletes these responses (their submission ids go with them); returns how many. */
    async deleteResponses(responseIds: readonly number[]): Promise<number> {
      if (responseIds.length === 0) return 0;
      return Number((await db.deleteFrom('responses').where('id', 'in', responseIds).executeTakeFirst()).numDeletedRows);
    },

    /** Deletes these invitations (their links go with them, ON DELETE CASCADE); returns how many. */
    async deleteInvitations(invitationIds: readonly number[]): Promise<number> {
      if (invitationIds.length === 0) return 0;
      return Number((await db.deleteFrom('invitations').where('id', 'in', invitationIds).executeTakeFirst()).numDeletedRows);
    },

    /** Deletes these contacts; returns how many. */
    async deleteContacts(contactIds: readonly number[]): Promise<number> {
      if (contactIds.length === 0) return 0;
      return Number((await db.deleteFrom('contacts').where('id', 'in', contactIds).executeTakeFirst()).numDeletedRows);
    },

    /** Deletes the white paper leads left with this address (any case); returns how many. */
    async deleteLeadsByEmail(email: string): Promise<number> {
      return Number((await db.deleteFrom('leads').where(sql<string>`lower(email)`, '=', email).executeTakeFirst()).numDeletedRows);
    },

    /** Deletes the white paper leads created before `before` (ISO time); returns how many. */
    async deleteLeadsCreatedBefore(before: string): Promise<number> {
      return Number((await db.deleteFrom('leads').where('createdAt', '<', before).executeTakeFirst()).numDeletedRows);
    },
  };
}

export type PersonalDataRepository = ReturnType<typeof createPersonalDataRepository>;
