import type { Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { fromJson, toJson, type JsonObject, type JsonValue } from '../json.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';
import { isForeignKeyViolation } from '../constraint-violation.js';
import { preparedQuery, type PreparedQuery } from '../prepared-query.js';
import type { ResponsesTable } from '../schema.js';
import { toBuffer, toResponseRecord, type ResponseRecord } from './response-record.js';
import { bumpWaveDataVersion } from './waves-repository.js';
import { savePageInOneStatement } from './save-page-in-one-statement.js';

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

// The page save runs on every questionnaire page: its queries are built and compiled once (prepared-query.ts).
const insertSubmission = preparedQuery(5, (db, _dialect, submissionId: string, responseId: number, page: number, outcome: string | null, createdAt: string) =>
  db
    .insertInto('submissions')
    .values({ submissionId, responseId, page, outcome, createdAt })
    .onConflict((oc) => oc.column('submissionId').doNothing())
    .returning('submissionId'),
);
const responseToUpdate = preparedQuery(1, (db, dialect, id: number) =>
  db
    .selectFrom('responses')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (q) => q.forNoKeyUpdate()),
);
const earlierSubmission = preparedQuery(1, (db, _dialect, submissionId: string) =>
  db.selectFrom('submissions').select(['responseId', 'outcome']).where('submissionId', '=', submissionId),
);

type ResponseRow = Selectable<ResponsesTable>;
/** answers, pageDurations, currentPage, updatedAt, id, then packed (with a vector), then completedAt and durationMs (when completing) */
type UpdateValues = unknown[];
const updates = new Map<string, PreparedQuery<UpdateValues, ResponseRow>>();
function responseUpdate(withPacked: boolean, complete: boolean): PreparedQuery<UpdateValues, ResponseRow> {
  const key = `${withPacked}${complete}`;
  let query = updates.get(key);
  if (!query) {
    query = preparedQuery<UpdateValues, ResponseRow>(5 + (withPacked ? 1 : 0) + (complete ? 2 : 0), (db, _dialect, ...values) => {
      const [answers, pageDurations, currentPage, updatedAt, id, ...rest] = values;
      const set: Record<string, unknown> = { answers, pageDurations, currentPage, updatedAt };
      if (withPacked) set.packed = rest.shift();
      if (complete) Object.assign(set, { status: 'complete', completedAt: rest.shift(), durationMs: rest.shift() });
      return db
        .updateTable('responses')
        .set(set as never)
        .where('id', '=', id as number)
        .returningAll();
    });
    updates.set(key, query);
  }
  return query;
}

/**
 * Writes one page of a response in ONE transaction with its submission id: the submission row is
 * inserted first (taking the write lock on SQLite, and waiting on PostgreSQL for a concurrent
 * twin), then the response row is read (FOR NO KEY UPDATE on PostgreSQL: the submission's foreign
 * key already holds KEY SHARE on it, and FOR UPDATE would deadlock two writers), merged and written. A failure
 * anywhere leaves neither row changed. Throws AppError NOT_FOUND (no such response) or CONFLICT
 * (the response is already complete). On PostgreSQL, a page that neither completes nor packs is first tried
 * in one statement (save-page-in-one-statement.ts).
 */
export async function savePage(ctx: StoreContext, input: SavePageInput): Promise<SavePageResult> {
  const now = input.now ?? new Date();
  const at = isoTime(now);
  if (ctx.dialect === 'postgres' && !input.complete && !input.pack) {
    // most pages: one round trip (save-page-in-one-statement.ts); what it did not write, the path below explains
    const saved = await savePageInOneStatement(ctx, input, at);
    if (saved) return saved;
  }
  return inTransaction(ctx.db, async (trx) => {
    const [inserted] = await insertSubmission(trx, ctx.dialect, input.submissionId, input.responseId, input.page, toJson(input.outcome ?? null), at).catch((error: unknown) => {
      if (!isForeignKeyViolation(error)) throw error;
      throw new AppError('NOT_FOUND', `response ${input.responseId} does not exist`, { responseId: input.responseId });
    });
    const [row] = await responseToUpdate(trx, ctx.dialect, input.responseId);

    if (!inserted) {
      const [earlier] = await earlierSubmission(trx, ctx.dialect, input.submissionId);
      if (!earlier || earlier.responseId !== input.responseId || !row) {
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

    const values: UpdateValues = [toJson(answers)!, toJson(pageDurations), input.currentPage, at, input.responseId];
    if (packed !== undefined) values.push(packed === null ? null : toBuffer(packed));
    if (input.complete) values.push(at, Math.max(0, now.getTime() - Date.parse(row.startedAt)));
    const [updated] = await responseUpdate(packed !== undefined, input.complete === true)(trx, ctx.dialect, ...values);
    if (!updated) throw new AppError('NOT_FOUND', `response ${input.responseId} does not exist`, { responseId: input.responseId });
    if (input.complete) await bumpWaveDataVersion(trx, row.waveId, now);
    return { kind: 'saved', response: toResponseRecord(updated, { answers, pageDurations }), outcome: input.outcome ?? null };
  });
}
