import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../app-error.js';
import { toJson, type JsonObject, type JsonValue } from '../json.js';
import type { ResponseSource, ResponseStatus } from '../schema.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';
import { isUniqueViolation } from '../constraint-violation.js';
import { insertMany, type BulkResponse, type InsertManyOptions } from './insert-many.js';
import { iteratePacked, type IteratePackedOptions, type PackedRow } from './iterate-packed.js';
import { iteratePackedBatches, type IteratePackedBatchesOptions, type PackedBatch } from './iterate-packed-batches.js';
import { iterateResponseBatches, type IterateResponseBatchesOptions, type ResponseBatch } from './iterate-response-batches.js';
import { toBuffer, toResponseRecord, type ResponseRecord } from './response-record.js';
import { savePage, type SavePageInput, type SavePageResult } from './save-page.js';
import { bumpWaveDataVersion } from './waves-repository.js';
import { preparedQuery } from '../prepared-query.js';
import { countedOnly } from './counted-responses.js';

const responseByPublicId = preparedQuery(1, (db, _dialect, publicId: string) => db.selectFrom('responses').selectAll().where('publicId', '=', publicId));
const responseByInvitation = preparedQuery(1, (db, _dialect, invitationId: number) => db.selectFrom('responses').selectAll().where('invitationId', '=', invitationId));

export interface NewResponse {
  readonly waveId: number;
  readonly language?: string;
  readonly invitationId?: number | null;
  readonly source?: ResponseSource;
  readonly company?: string | null;
  readonly email?: string | null;
  readonly browserHash?: string | null;
  readonly answers?: JsonObject;
  readonly currentPage?: number;
  /** default: 16 random bytes, base64url */
  readonly publicId?: string;
  /** a researcher's test answer (test link): never counted, deleted by `deleteTests` */
  readonly test?: boolean;
  readonly now?: Date;
}

/** Contact and bookkeeping fields a caller may set on a response (not answers). */
export type ResponsePatch = Partial<{
  company: string | null;
  email: string | null;
  notifyEmail: string | null;
  notifiedAt: string | null;
  benchmarkTokenHash: string | null;
  browserHash: string | null;
  language: string;
  flags: JsonValue;
}>;

export interface ListResponsesOptions {
  readonly status?: ResponseStatus;
  /** default true for listings (an admin sees exclusions) */
  readonly includeExcluded?: boolean;
  /** keyset paging: rows with id > afterId */
  readonly afterId?: number;
  readonly limit?: number;
}

/** How a response came in (see `paradata`). */
export interface ResponseParadata {
  readonly id: number;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly durationMs: number | null;
  readonly language: string;
  readonly channel: 'invitation' | 'open-link' | 'import' | 'demo';
  readonly exclusionReason: string | null;
}

const newPublicId = () => randomBytes(16).toString('base64url');

/** Responses of waves: partial while the respondent goes, complete at the end. */
export function createResponsesRepository(ctx: StoreContext) {
  const { db, dialect } = ctx;
  const getById = async (id: number): Promise<ResponseRecord | undefined> => {
    const row = await db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toResponseRecord(row);
  };
  const getOrThrow = async (id: number): Promise<ResponseRecord> => {
    const response = await getById(id);
    if (!response) throw new AppError('NOT_FOUND', `response ${id} does not exist`, { responseId: id });
    return response;
  };

  return {
    /** Starts a partial response. Throws AppError CONFLICT when the invitation already has one. */
    async createPartial(input: NewResponse): Promise<ResponseRecord> {
      const at = isoTime(input.now);
      const row = await db
        .insertInto('responses')
        .values({
          waveId: input.waveId,
          publicId: input.publicId ?? newPublicId(),
          invitationId: input.invitationId ?? null,
          status: 'partial',
          answers: toJson(input.answers ?? {})!,
          currentPage: input.currentPage ?? 0,
          language: input.language ?? 'fr',
          startedAt: at,
          updatedAt: at,
          excluded: 0,
          company: input.company ?? null,
          email: input.email ?? null,
          browserHash: input.browserHash ?? null,
          source: input.source ?? 'web',
          // only a test answer names the column (0 by default): older schemas, as the migration tests build, have none
          ...(input.test ? { test: 1 as const } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) {
            throw new AppError('CONFLICT', 'this invitation already has a response', { invitationId: input.invitationId });
          }
          throw error;
        });
      return toResponseRecord(row);
    },

    /** One page in one transaction with its submission id (see save-page.ts). */
    savePage: (input: SavePageInput): Promise<SavePageResult> => savePage(ctx, input),

    /** Marks a partial response complete (status, completedAt, durationMs, packed) and bumps the wave's data version. */
    async complete(id: number, input: { packed?: Uint8Array | null; durationMs?: number; now?: Date } = {}): Promise<ResponseRecord> {
      const now = input.now ?? new Date();
      return inTransaction(db, async (trx) => {
        const row = await trx
          .selectFrom('responses')
          .select(['waveId', 'startedAt', 'status'])
          .where('id', '=', id)
          .$if(ctx.dialect === 'postgres', (q) => q.forNoKeyUpdate())
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', `response ${id} does not exist`, { responseId: id });
        if (row.status === 'complete') throw new AppError('CONFLICT', `response ${id} is already complete`, { responseId: id });
        const updated = await trx
          .updateTable('responses')
          .set({
            status: 'complete',
            completedAt: isoTime(now),
            updatedAt: isoTime(now),
            durationMs: input.durationMs ?? Math.max(0, now.getTime() - Date.parse(row.startedAt)),
            ...(input.packed !== undefined ? { packed: input.packed === null ? null : toBuffer(input.packed) } : {}),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await bumpWaveDataVersion(trx, row.waveId, now);
        return toResponseRecord(updated);
      });
    },

    getById,
    getOrThrow,

    /** Prepared (every questionnaire page of an open-link respondent reads it). */
    async getByPublicId(publicId: string): Promise<ResponseRecord | undefined> {
      const [row] = await responseByPublicId(db, dialect, publicId);
      return row && toResponseRecord(row);
    },

    /** Prepared (every questionnaire page of an invited respondent reads it). */
    async getByInvitation(invitationId: number): Promise<ResponseRecord | undefined> {
      const [row] = await responseByInvitation(db, dialect, invitationId);
      return row && toResponseRecord(row);
    },

    /** Responses of a wave in id order (use afterId + limit to page through large waves); test answers are never listed. */
    async list(waveId: number, options: ListResponsesOptions = {}): Promise<ResponseRecord[]> {
      const rows = await countedOnly(db.selectFrom('responses'))
        .selectAll()
        .where('waveId', '=', waveId)
        .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
        .$if(options.includeExcluded === false, (q) => q.where('excluded', '=', 0))
        .$if(options.afterId !== undefined, (q) => q.where('id', '>', options.afterId!))
        .orderBy('id')
        .$if(options.limit !== undefined, (q) => q.limit(options.limit!))
        .execute();
      return rows.map((row) => toResponseRecord(row));
    },

    /**
     * What exports carry about how each response came in, for the responses of a wave with ids from
     * `fromId` to `toId` (inclusive), in id order: start and completion times, duration, language, channel
     * (an invitation, the open link, an import, the demo) and the reason of an exclusion.
     */
    async paradata(waveId: number, fromId: number, toId: number): Promise<ResponseParadata[]> {
      const rows = await db
        .selectFrom('responses')
        .select(['id', 'startedAt', 'completedAt', 'durationMs', 'language', 'invitationId', 'source', 'exclusionReason'])
        .where('waveId', '=', waveId)
        .where('id', '>=', fromId)
        .where('id', '<=', toId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        startedAt: r.startedAt,
        completedAt: r.completedAt,
        durationMs: r.durationMs === null ? null : Number(r.durationMs),
        language: r.language,
        channel: r.source === 'import' ? 'import' : r.source === 'demo' ? 'demo' : r.invitationId !== null ? 'invitation' : 'open-link',
        exclusionReason: r.exclusionReason,
      }));
    },

    /** The longest UTF-8 byte lengths of a wave's paradata texts (language, exclusion reason), for fixed-width exports. */
    async paradataTextBytes(waveId: number): Promise<{ language: number; exclusionReason: number }> {
      const bytes = (column: 'language' | 'exclusionReason') =>
        dialect === 'postgres'
          ? sql<number | null>`max(octet_length(${sql.ref(column === 'language' ? 'language' : 'exclusion_reason')}))`
          : sql<number | null>`max(length(cast(${sql.ref(column === 'language' ? 'language' : 'exclusion_reason')} as blob)))`;
      const row = await db
        .selectFrom('responses')
        .select([bytes('language').as('language'), bytes('exclusionReason').as('exclusionReason')])
        .where('waveId', '=', waveId)
        .executeTakeFirst();
      return { language: Number(row?.language ?? 0), exclusionReason: Number(row?.exclusionReason ?? 0) };
    },

    /** Counts a wave's responses; excluded ones are counted unless includeExcluded is false, test answers never. */
    async count(waveId: number, options: { status?: ResponseStatus; includeExcluded?: boolean } = {}): Promise<number> {
      const row = await countedOnly(db.selectFrom('responses'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('waveId', '=', waveId)
        .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
        .$if(options.includeExcluded === false, (q) => q.where('excluded', '=', 0))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Partial, complete and excluded counts of a wave in one query (test answers left out). */
    async countByStatus(waveId: number): Promise<{ partial: number; complete: number; excluded: number }> {
      const rows = await countedOnly(db.selectFrom('responses'))
        .select(['status', 'excluded', (eb) => eb.fn.countAll<number>().as('n')])
        .where('waveId', '=', waveId)
        .groupBy(['status', 'excluded'])
        .execute();
      const counts = { partial: 0, complete: 0, excluded: 0 };
      for (const r of rows) {
        counts[r.status] += Number(r.n);
        if (r.excluded === 1) counts.excluded += Number(r.n);
      }
      return counts;
    },

    /** Excludes (or re-includes) a response from results and bumps the wave's data version. */
    async setExclusion(id: number, excluded: boolean, reason: string | null = null, now = new Date()): Promise<ResponseRecord> {
      return inTransaction(db, async (trx) => {
        const row = await trx
          .updateTable('responses')
          .set({ excluded: excluded ? 1 : 0, exclusionReason: excluded ? reason : null, updatedAt: isoTime(now) })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', `response ${id} does not exist`, { responseId: id });
        await bumpWaveDataVersion(trx, row.waveId, now);
        return toResponseRecord(row);
      });
    },

    /**
     * Excludes (with one reason) or restores several responses of a wave in one transaction; bumps the wave's
     * data version once when something changed. Returns the ids whose state changed (a response already in the
     * asked state is left as it is). Throws AppError INVALID_INPUT when an id is not a response of the wave.
     */
    async setExclusions(waveId: number, ids: readonly number[], excluded: boolean, reason: string | null = null, now = new Date()): Promise<number[]> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      return inTransaction(db, async (trx) => {
        const found = await trx.selectFrom('responses').select('id').where('waveId', '=', waveId).where('id', 'in', unique).execute();
        if (found.length !== unique.length) {
          const known = new Set(found.map((r) => r.id));
          const missing = unique.filter((id) => !known.has(id));
          throw new AppError('INVALID_INPUT', `response: ${missing.map((id) => `#${id}`).join(', ')} is not a response of this wave`, { waveId, responseIds: missing });
        }
        const changed = await trx
          .updateTable('responses')
          .set({ excluded: excluded ? 1 : 0, exclusionReason: excluded ? reason : null, updatedAt: isoTime(now) })
          .where('waveId', '=', waveId)
          .where('id', 'in', unique)
          .where('excluded', '=', excluded ? 0 : 1)
          .returning('id')
          .execute();
        if (changed.length > 0) await bumpWaveDataVersion(trx, waveId, now);
        return changed.map((r) => r.id).sort((a, b) => a - b);
      });
    },

    /** Sets contact and bookkeeping fields (never answers; those go through savePage). */
    async update(id: number, patch: ResponsePatch): Promise<ResponseRecord> {
      const { flags, ...rest } = patch;
      const values = { ...rest, ...(flags !== undefined ? { flags: toJson(flags) } : {}) };
      if (Object.values(values).some((v) => v !== undefined)) {
        await db.updateTable('responses').set(values).where('id', '=', id).execute();
      }
      return getOrThrow(id);
    },

    /** Streams packed vectors of a wave (see iterate-packed.ts). */
    iteratePacked: (waveId: number, options?: IteratePackedOptions): AsyncGenerator<PackedRow> => iteratePacked(ctx, waveId, options),

    /** Streams packed vectors of a wave in batches laid end to end, for column loaders (see iterate-packed-batches.ts). */
    iteratePackedBatches: (waveId: number, options: IteratePackedBatchesOptions): AsyncGenerator<PackedBatch> => iteratePackedBatches(ctx, waveId, options),

    /** Streams a wave's responses in batches for exports: packed vectors end to end, texts, answers of unpacked rows (see iterate-response-batches.ts). */
    iterateResponseBatches: (waveId: number, options: IterateResponseBatchesOptions): AsyncGenerator<ResponseBatch> => iterateResponseBatches(ctx, waveId, options),

    /** Bulk insert, one transaction per batch (see insert-many.ts). */
    insertMany: (rows: Iterable<BulkResponse> | AsyncIterable<BulkResponse>, options?: InsertManyOptions): Promise<number> => insertMany(ctx, rows, options),

    /** A wave's test answers (test link), which nothing else counts: how many, and how many of them are complete. */
    async countTests(waveId: number): Promise<{ total: number; complete: number }> {
      const rows = await db
        .selectFrom('responses')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('waveId', '=', waveId)
        .where('test', '=', 1)
        .groupBy('status')
        .execute();
      const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
      return { total, complete: Number(rows.find((r) => r.status === 'complete')?.n ?? 0) };
    },

    /**
     * Deletes every test answer of a wave (their submission ids go with them) in one statement; returns how
     * many. Counted answers are untouched, so the wave's data version stays as it is.
     */
    async deleteTests(waveId: number): Promise<number> {
      const result = await db.deleteFrom('responses').where('waveId', '=', waveId).where('test', '=', 1).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Deletes a response (and its submission ids); bumps the data version. Returns false when absent. */
    async delete(id: number, now = new Date()): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const row = await trx.deleteFrom('responses').where('id', '=', id).returning(['waveId']).executeTakeFirst();
        if (row) await bumpWaveDataVersion(trx, row.waveId, now);
        return row !== undefined;
      });
    },

    /**
     * Removes what identifies the respondent (company, e-mails, browser and benchmark hashes) and,
     * when given, replaces the answers with the caller's redacted ones; bumps the data version.
     */
    async anonymise(id: number, options: { answers?: JsonObject; packed?: Uint8Array | null; now?: Date } = {}): Promise<ResponseRecord> {
      const now = options.now ?? new Date();
      return inTransaction(db, async (trx) => {
        const row = await trx
          .updateTable('responses')
          .set({
            company: null,
            email: null,
            notifyEmail: null,
            browserHash: null,
            benchmarkTokenHash: null,
            updatedAt: isoTime(now),
            ...(options.answers ? { answers: toJson(options.answers)! } : {}),
            ...(options.packed !== undefined ? { packed: options.packed && toBuffer(options.packed) } : {}),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', `response ${id} does not exist`, { responseId: id });
        await bumpWaveDataVersion(trx, row.waveId, now);
        return toResponseRecord(row);
      });
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;
