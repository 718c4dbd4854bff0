import { setTimeout as sleep } from 'node:timers/promises';
import type { Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { isWriteConflict } from '../constraint-violation.js';
import { fromJson, toJson, type JsonValue } from '../json.js';
import type { StudyVersionsTable } from '../schema.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

/** One stored version of a study document (the document is opaque JSON here). */
export interface StudyVersion {
  readonly id: number;
  readonly studyId: string;
  readonly version: number;
  readonly document: JsonValue;
  readonly createdAt: string;
}

export interface StudySummary {
  readonly studyId: string;
  readonly latestVersion: number;
  readonly latestVersionId: number;
  readonly updatedAt: string;
}

export type SaveVersionResult = { readonly kind: 'created' | 'unchanged'; readonly studyVersion: StudyVersion };

export function toStudyVersion(row: Selectable<StudyVersionsTable>): StudyVersion {
  return Object.freeze({
    id: row.id,
    studyId: row.studyId,
    version: row.version,
    document: fromJson(row.document, null),
    createdAt: row.createdAt,
  });
}

/** How many times saveVersion tries when concurrent saves of the same study take its version number. */
const MAX_SAVE_ATTEMPTS = 8;

/** Versioned study documents: a wave points at the version it was opened with. */
export function createStudiesRepository({ db }: StoreContext) {
  const latestRow = (q: typeof db, studyId: string) =>
    q.selectFrom('studyVersions').selectAll().where('studyId', '=', studyId).orderBy('version', 'desc').limit(1).executeTakeFirst();

  return {
    /**
     * Stores `document` as the next version of `studyId`. When it is identical (same JSON text) to
     * the latest version, nothing is written and that version is returned with kind 'unchanged'.
     *
     * Concurrent saves of one study (other connections, other processes) each get their own version
     * number: a save that loses the race for a number (unique violation on PostgreSQL, SQLITE_BUSY on
     * SQLite) runs again, after a short random pause, on the versions now stored, so it may also find
     * its document already saved ('unchanged'). After MAX_SAVE_ATTEMPTS lost races, or at once when
     * called inside a caller's transaction (which the failure has aborted), it throws
     * AppError('CONFLICT') naming the study.
     *
     * `document` may be a function of the version number, for documents that carry their own number: the
     * latest version is compared with `document(latest.version)` and the new one stored as `document(next)`.
     */
    async saveVersion(studyId: string, document: JsonValue | ((version: number) => JsonValue), now = new Date()): Promise<SaveVersionResult> {
      const textFor = (version: number) => toJson(typeof document === 'function' ? document(version) : document)!;
      const attempt = () =>
        inTransaction(db, async (trx): Promise<SaveVersionResult> => {
          const latest = await latestRow(trx, studyId);
          if (latest && latest.document === textFor(latest.version)) return { kind: 'unchanged', studyVersion: toStudyVersion(latest) };
          const version = (latest?.version ?? 0) + 1;
          const row = await trx
            .insertInto('studyVersions')
            .values({ studyId, version, document: textFor(version), createdAt: isoTime(now) })
            .returningAll()
            .executeTakeFirstOrThrow();
          return { kind: 'created', studyVersion: toStudyVersion(row) };
        });
      for (let attempts = 1; ; attempts++) {
        try {
          return await attempt();
        } catch (error) {
          if (!isWriteConflict(error)) throw error;
          if (db.isTransaction || attempts >= MAX_SAVE_ATTEMPTS) {
            throw new AppError(
              'CONFLICT',
              `study ${studyId}: another save of this study took the next version number at the same time (${attempts} attempt${attempts > 1 ? 's' : ''}); save again`,
              { studyId, attempts },
            );
          }
          await sleep(Math.random() * 10 * attempts); // jitter, so racing savers do not retry in step
        }
      }
    },

    async latestVersion(studyId: string): Promise<StudyVersion | undefined> {
      const row = await latestRow(db, studyId);
      return row && toStudyVersion(row);
    },

    /** By study and version number. */
    async getVersion(studyId: string, version: number): Promise<StudyVersion | undefined> {
      const row = await db.selectFrom('studyVersions').selectAll().where('studyId', '=', studyId).where('version', '=', version).executeTakeFirst();
      return row && toStudyVersion(row);
    },

    /** By row id (what waves.studyVersionId holds). */
    async getVersionById(id: number): Promise<StudyVersion | undefined> {
      const row = await db.selectFrom('studyVersions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStudyVersion(row);
    },

    /** Version numbers and dates of one study, oldest first, without documents. */
    async listVersions(studyId: string): Promise<{ id: number; version: number; createdAt: string }[]> {
      return db.selectFrom('studyVersions').select(['id', 'version', 'createdAt']).where('studyId', '=', studyId).orderBy('version').execute();
    },

    /** Every study with its latest version, by study id. */
    async list(): Promise<StudySummary[]> {
      const rows = await db
        .selectFrom('studyVersions as v')
        .select(['v.studyId', 'v.version', 'v.id', 'v.createdAt'])
        .where(({ eb, selectFrom }) =>
          eb(
            'v.version',
            '=',
            selectFrom('studyVersions as w')
              .select((e) => e.fn.max('w.version').as('m'))
              .whereRef('w.studyId', '=', 'v.studyId'),
          ),
        )
        .orderBy('v.studyId')
        .execute();
      return rows.map((r) => Object.freeze({ studyId: r.studyId, latestVersion: r.version, latestVersionId: r.id, updatedAt: r.createdAt }));
    },
  };
}

export type StudiesRepository = ReturnType<typeof createStudiesRepository>;
