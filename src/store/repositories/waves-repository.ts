import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { fromJson, toJson, type JsonValue } from '../json.js';
import type { Database, WaveStatus, WavesTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
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
  populationTargets?: JsonValue;
  quotas?: JsonValue;
  weighting?: JsonValue;
  settings?: JsonValue;
}

/** Fields `update` may change; `populationTargets` and `weighting` bump the data version. */
export type WavePatch = Partial<
  Pick<NewWave, 'title' | 'studyVersionId' | 'opensAt' | 'closesAt' | 'populationTargets' | 'quotas' | 'weighting' | 'settings'>
>;

function toWave(row: Selectable<WavesTable>): Wave {
  return Object.freeze({
    ...row,
    populationTargets: fromJson(row.populationTargets, null),
    quotas: fromJson(row.quotas, null),
    weighting: fromJson(row.weighting, null),
    settings: fromJson(row.settings, null),
  });
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

    /** Waves of one study (or of every study), by code. */
    async list(studyId?: string): Promise<Wave[]> {
      const rows = await db
        .selectFrom('waves').selectAll()
        .$if(studyId !== undefined, (q) => q.where('studyId', '=', studyId!))
        .orderBy('studyId').orderBy('code')
        .execute();
      return rows.map(toWave);
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
  };
}

export type WavesRepository = ReturnType<typeof createWavesRepository>;
