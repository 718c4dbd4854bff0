import type { Selectable } from 'kysely';
import { fromJson, type JsonObject, type JsonValue } from '../json.js';
import type { ResponseSource, ResponseStatus, ResponsesTable } from '../schema.js';

/** A response as the store returns it: JSON parsed, flags as booleans, packed as bytes. */
export interface ResponseRecord {
  readonly id: number;
  readonly waveId: number;
  /** random, for resume links */
  readonly publicId: string;
  readonly invitationId: number | null;
  readonly status: ResponseStatus;
  /** the source of truth, open texts included: variable name -> value */
  readonly answers: JsonObject;
  /** the caller's binary vector aligned to the study version's column layout (opaque here) */
  readonly packed: Uint8Array | null;
  readonly currentPage: number;
  readonly language: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly durationMs: number | null;
  /** page index -> milliseconds spent (summed over visits) */
  readonly pageDurations: Record<string, number>;
  readonly excluded: boolean;
  readonly exclusionReason: string | null;
  readonly flags: JsonValue;
  readonly company: string | null;
  readonly email: string | null;
  readonly benchmarkTokenHash: string | null;
  readonly notifyEmail: string | null;
  readonly notifiedAt: string | null;
  readonly browserHash: string | null;
  readonly source: ResponseSource;
  /** a researcher's test answer (test link): never counted */
  readonly test: boolean;
}

/**
 * A row as the store returns it. `parsed`: the answers and page durations the caller has just written
 * into this row, so they are not parsed back from the JSON it made of them.
 */
export function toResponseRecord(row: Selectable<ResponsesTable>, parsed?: { readonly answers: JsonObject; readonly pageDurations: Record<string, number> }): ResponseRecord {
  return Object.freeze({
    ...row,
    answers: parsed?.answers ?? fromJson<JsonObject>(row.answers, {}),
    packed: row.packed === null ? null : new Uint8Array(row.packed.buffer, row.packed.byteOffset, row.packed.byteLength),
    pageDurations: parsed?.pageDurations ?? fromJson<Record<string, number>>(row.pageDurations, {}),
    excluded: row.excluded === 1,
    test: row.test === 1,
    flags: fromJson(row.flags, null),
  });
}

/** Bytes as the drivers want them (better-sqlite3 binds Buffers), without copying. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
