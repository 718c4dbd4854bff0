import type { Selectable } from 'kysely';
import { fromJson, toJson, type JsonValue } from '../json.js';
import type { AuditLogTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export interface AuditEntry extends Readonly<Omit<Selectable<AuditLogTable>, 'details'>> {
  readonly details: JsonValue;
}

const toEntry = (row: Selectable<AuditLogTable>): AuditEntry => Object.freeze({ ...row, details: fromJson(row.details, null) });

/** Append-only record of who did what (publish a wave, exclude a response, create a user...). */
export function createAuditLogRepository({ db }: StoreContext) {
  return {
    async append(input: { userId?: number | null; action: string; target?: string | null; details?: JsonValue }, now = new Date()): Promise<AuditEntry> {
      const row = await db
        .insertInto('auditLog')
        .values({ at: isoTime(now), userId: input.userId ?? null, action: input.action, target: input.target ?? null, details: toJson(input.details) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },

    /** Newest first; `beforeId` pages backwards. */
    async list(options: { limit?: number; beforeId?: number; action?: string; userId?: number } = {}): Promise<AuditEntry[]> {
      const rows = await db
        .selectFrom('auditLog')
        .selectAll()
        .$if(options.beforeId !== undefined, (q) => q.where('id', '<', options.beforeId!))
        .$if(options.action !== undefined, (q) => q.where('action', '=', options.action!))
        .$if(options.userId !== undefined, (q) => q.where('userId', '=', options.userId!))
        .orderBy('id', 'desc')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map(toEntry);
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
