import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { fromJson, toJson, type JsonValue } from '../json.js';
import type { Database, WaveStatus, WavesTable } from '../schema.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';
import { isUniqueViolation } from '../constraint-violation.js';

export interface Wave {
  readonly id: number;
  readonly studyId: string;
  readonly code: string;
  readonly studyVersionId: number;
  readonly status: WaveStatus;
  readonly title: string;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly publishedAt: string | null;
  /** the wave's explicit place in its study's series (null: placed by its opening date); see `compareWaves` */
  readonly seriesOrder: number | null;
  readonly populationTargets: JsonValue;
  readonly quotas: JsonValue;
  readonly weighting: JsonValue;
  readonly settings: JsonValue;
  /** bumped whenever complete responses, exclusions, targets or weighting change: the results cache key */
  readonly dataVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewWave {
  studyId: string;
  code: string;
  studyVersionId: number;
  title: string;
  status?: WaveStatus;
  opensAt?: string | null;
  closesAt?: string | null;
  seriesOrder?: number | null;
  populationTargets?: JsonValue;
  quotas?: JsonValue;
  weighting?: JsonValue;
  settings?: JsonValue;
}

/** Fields `update` may change; `populationTargets` and `weighting` bump the data version. */
export type WavePatch = Partial<Pick<NewWave, 'title' | 'studyVersionId' | 'opensAt' | 'closesAt' | 'seriesOrder' | 'populationTargets' | 'quotas' | 'weighting' | 'settings'>>;

function toWave(row: Selectable<WavesTable>): Wave {
  return Object.freeze({
    ...row,
    populationTargets: fromJson(row.populationTargets, null),
    quotas: fromJson(row.quotas, null),
    weighting: fromJson(row.weighting, null),
    settings: fromJson(row.settings, null),
  });
}

/** What places a wave in its study's series (a subset of `Wave`, so tests and views can order plain objects). */
export type WaveSeriesKey = Pick<Wave, 'id' | 'seriesOrder' | 'opensAt' | 'createdAt'>;

/**
 * The one order of a study's waves in time, oldest first, used by trends, histories, "the latest
 * edition", published lists and the benchmark (never the code: `T4-2025` comes before `T1-2026`):
 * 1. waves with an explicit `seriesOrder`, by it (they come before waves without one: an order set on
 *    waves without dates places older, imported waves first);
 * 2. then by opening date (`opensAt`), waves without one after those with one;
 * 3. then by creation time, then by id.
 * A total order; `list` sorts with it, so every reader of the repository sees the same one.
 */
export function compareWaves(a: WaveSeriesKey, b: WaveSeriesKey): number {
  const nullsLast = <T extends string | number>(x: T | null, y: T | null): number => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  return nullsLast(a.seriesOrder, b.seriesOrder) || nullsLast(a.opensAt, b.opensAt) || nullsLast(a.createdAt, b.createdAt) || a.id - b.id;
}

/** Sorts a copy of `waves` in series order (see `compareWaves`). */
export function sortWaves<W extends WaveSeriesKey>(waves: readonly W[]): W[] {
  return [...waves].sort(compareWaves);
}

/** Adds one to a wave's data version (inside the caller's transaction when there is one). */
export async function bumpWaveDataVersion(db: Kysely<Database>, waveId: number, now = new Date()): Promise<number> {
  const row = await db
    .updateTable('waves')
    .set((eb) => ({ dataVersion: eb('dataVersion', '+', 1), updatedAt: isoTime(now) }))
    .where('id', '=', waveId)
    .returning('dataVersion')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `wave ${waveId} does not exist`, { waveId });
  return row.dataVersion;
}

/** Waves of a study: one per fieldwork period (code e.g. '2015'). */
export function createWavesRepository({ db }: StoreContext) {
  const get = async (id: number): Promise<Wave | undefined> => {
    const row = await db.selectFrom('waves').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toWave(row);
  };
  const getOrThrow = async (id: number): Promise<Wave> => {
    const wave = await get(id);
    if (!wave) throw new AppError('NOT_FOUND', `wave ${id} does not exist`, { waveId: id });
    return wave;
  };

  // sorted here rather than in SQL: the one comparator, with no collation differences between databases
  const list = async (studyId?: string): Promise<Wave[]> => {
    const rows = await db
      .selectFrom('waves')
      .selectAll()
      .$if(studyId !== undefined, (q) => q.where('studyId', '=', studyId!))
      .execute();
    return rows.map(toWave).sort((a, b) => (a.studyId < b.studyId ? -1 : a.studyId > b.studyId ? 1 : compareWaves(a, b)));
  };

  return {
    /** Throws AppError CONFLICT when the study already has a wave with this code. */
    async create(input: NewWave, now = new Date()): Promise<Wave> {
      const at = isoTime(now);
      try {
        const row = await db
          .insertInto('waves')
          .values({
            studyId: input.studyId,
            code: input.code,
            studyVersionId: input.studyVersionId,
            title: input.title,
            status: input.status ?? 'draft',
            opensAt: input.opensAt ?? null,
            closesAt: input.closesAt ?? null,
            seriesOrder: input.seriesOrder ?? null,
            publishedAt: null,
            populationTargets: toJson(input.populationTargets),
            quotas: toJson(input.quotas),
            weighting: toJson(input.weighting),
            settings: toJson(input.settings),
            createdAt: at,
            updatedAt: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toWave(row);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError('CONFLICT', `study ${input.studyId} already has a wave ${input.code}`, { code: input.code });
        }
        throw error;
      }
    },

    get,
    getOrThrow,

    async getByCode(studyId: string, code: string): Promise<Wave | undefined> {
      const row = await db.selectFrom('waves').selectAll().where('studyId', '=', studyId).where('code', '=', code).executeTakeFirst();
      return row && toWave(row);
    },

    /** Waves of one study (or of every study, by study id), each study's in series order (`compareWaves`). */
    async list(studyId?: string): Promise<Wave[]> {
      return list(studyId);
    },

    /** The published waves of a study, oldest first in series order: the public editions. */
    async listPublished(studyId: string): Promise<Wave[]> {
      return (await list(studyId)).filter((w) => w.status === 'published');
    },

    /** The latest published wave of a study in series order (its current edition), if any. */
    async latestPublished(studyId: string): Promise<Wave | undefined> {
      return (await list(studyId)).filter((w) => w.status === 'published').at(-1);
    },

    /** Sets the status; `published` also stamps publishedAt (kept when already set). */
    async setStatus(id: number, status: WaveStatus, now = new Date()): Promise<Wave> {
      const at = isoTime(now);
      await db
        .updateTable('waves')
        .set((eb) => ({
          status,
          updatedAt: at,
          publishedAt: status === 'published' ? eb.fn.coalesce('publishedAt', eb.val(at)) : eb.ref('publishedAt'),
        }))
        .where('id', '=', id)
        .execute();
      return getOrThrow(id);
    },

    async update(id: number, patch: WavePatch, now = new Date()): Promise<Wave> {
      const json = (v: JsonValue | undefined) => (v === undefined ? undefined : toJson(v));
      const bump = patch.populationTargets !== undefined || patch.weighting !== undefined;
      await db
        .updateTable('waves')
        .set((eb) => ({
          title: patch.title,
          studyVersionId: patch.studyVersionId,
          opensAt: patch.opensAt,
          closesAt: patch.closesAt,
          seriesOrder: patch.seriesOrder,
          populationTargets: json(patch.populationTargets),
          quotas: json(patch.quotas),
          weighting: json(patch.weighting),
          settings: json(patch.settings),
          updatedAt: isoTime(now),
          ...(bump ? { dataVersion: eb('dataVersion', '+', 1) } : {}),
        }))
        .where('id', '=', id)
        .execute();
      return getOrThrow(id);
    },

    /** Returns the new data version. */
    bumpDataVersion(id: number, now = new Date()): Promise<number> {
      return bumpWaveDataVersion(db, id, now);
    },

    /** Sets only the wave's place in its series (`compareWaves`), leaving `updatedAt` as it is. */
    async setSeriesOrder(id: number, seriesOrder: number | null): Promise<void> {
      await db.updateTable('waves').set({ seriesOrder }).where('id', '=', id).execute();
    },

    /** Deletes every response of the wave (their submission ids go with them) and bumps its data version; returns how many. */
    async deleteResponses(id: number, now = new Date()): Promise<number> {
      return inTransaction(db, async (trx) => {
        const result = await trx.deleteFrom('responses').where('waveId', '=', id).executeTakeFirst();
        await bumpWaveDataVersion(trx, id, now);
        return Number(result.numDeletedRows);
      });
    },
  };
}

export type WavesRepository = ReturnType<typeof createWavesRepository>;
