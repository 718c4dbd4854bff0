import { AppError } from '../../app-error.js';
import { fromJson, toJson, type JsonObject, type JsonValue } from '../json.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';
import { isForeignKeyViolation } from '../constraint-violation.js';
import { toBuffer, toResponseRecord, type ResponseRecord } from './response-record.js';
import { bumpWaveDataVersion } from './waves-repository.js';

export interface SavePageInput {
  readonly responseId: number;
  /** random id the browser sends with each page post; the same id twice is written once */
  readonly submissionId: string;
  /** index of the page being posted */
  readonly page: number;
  /** this page's answers, merged over the stored ones (a key replaces the stored value) */
  readonly answers: JsonObject;
  /** stored answers to drop (e.g. questions hidden by a changed condition) */
  readonly removeKeys?: readonly string[];
  /** the page the respondent resumes on */
  readonly currentPage: number;
  /** added to pageDurations[page] */
  readonly pageDurationMs?: number;
  /** marks the response complete: completedAt = now, durationMs = now - startedAt; bumps the wave's data version */
  readonly complete?: boolean;
  /** computes the packed vector from the merged answers, inside the transaction */
  readonly pack?: (answers: JsonObject) => Uint8Array | null;
  /** what the caller wants returned if this submission id comes again (e.g. the next page) */
  readonly outcome?: JsonValue;
  readonly now?: Date;
}

export type SavePageResult = {
  /** 'duplicate': this submission id was already written; nothing was written now */
  readonly kind: 'saved' | 'duplicate';
  readonly response: ResponseRecord;
  readonly outcome: JsonValue;
};

/**
 * Writes one page of a response in ONE transaction with its submission id: the submission row is
 * inserted first (taking the write lock on SQLite, and waiting on PostgreSQL for a concurrent
 * twin), then the response row is read (FOR NO KEY UPDATE on PostgreSQL: the submission's foreign
 * key already holds KEY SHARE on it, and FOR UPDATE would deadlock two writers), merged and written. A failure
 * anywhere leaves neither row changed. Throws AppError NOT_FOUND (no such response) or CONFLICT
 * (the response is already complete).
 */
export function savePage(ctx: StoreContext, input: SavePageInput): Promise<SavePageResult> {
  const now = input.now ?? new Date();
  const at = isoTime(now);
  return inTransaction(ctx.db, async (trx) => {
    const inserted = await trx
      .insertInto('submissions')
      .values({
        submissionId: input.submissionId,
        responseId: input.responseId,
        page: input.page,
        outcome: toJson(input.outcome ?? null),
        createdAt: at,
      })
      .onConflict((oc) => oc.column('submissionId').doNothing())
      .returning('submissionId')
      .executeTakeFirst()
      .catch((error: unknown) => {
        if (!isForeignKeyViolation(error)) throw error;
        throw new AppError('NOT_FOUND', `response ${input.responseId} does not exist`, { responseId: input.responseId });
      });

    const row = await trx
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', input.responseId)
      .$if(ctx.dialect === 'postgres', (q) => q.forNoKeyUpdate())
      .executeTakeFirst();

    if (!inserted) {
      const earlier = await trx
        .selectFrom('submissions')
        .select(['responseId', 'outcome'])
        .where('submissionId', '=', input.submissionId)
        .executeTakeFirstOrThrow();
      if (earlier.responseId !== input.responseId || !row) {
        throw new AppError('CONFLICT', `submission ${input.submissionId} belongs to another response`, {
          submissionId: input.submissionId,
        });
      }
      return { kind: 'duplicate', response: toResponseRecord(row), outcome: fromJson(earlier.outcome, null) };
    }
    if (!row) throw new AppError('NOT_FOUND', `response ${input.responseId} does not exist`, { responseId: input.responseId });
    if (row.status === 'complete') {
      throw new AppError('CONFLICT', `response ${input.responseId} is already complete`, { responseId: input.responseId });
    }

    const answers: JsonObject = { ...fromJson<JsonObject>(row.answers, {}), ...input.answers };
    for (const key of input.removeKeys ?? []) delete answers[key];
    const pageDurations = fromJson<Record<string, number>>(row.pageDurations, {});
    if (input.pageDurationMs !== undefined) {
      pageDurations[input.page] = (pageDurations[input.page] ?? 0) + input.pageDurationMs;
    }
    const packed = input.pack ? input.pack(answers) : undefined;

    const updated = await trx
      .updateTable('responses')
      .set({
        answers: toJson(answers)!,
        pageDurations: toJson(pageDurations),
        currentPage: input.currentPage,
        updatedAt: at,
        ...(packed !== undefined ? { packed: packed === null ? null : toBuffer(packed) } : {}),
        ...(input.complete
          ? { status: 'complete' as const, completedAt: at, durationMs: Math.max(0, now.getTime() - Date.parse(row.startedAt)) }
          : {}),
      })
      .where('id', '=', input.responseId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.complete) await bumpWaveDataVersion(trx, row.waveId, now);
    return { kind: 'saved', response: toResponseRecord(updated), outcome: input.outcome ?? null };
  });
}
