import type { Selectable } from 'kysely';
import type { LeadsTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export interface Lead extends Readonly<Omit<Selectable<LeadsTable>, 'consentContact'>> {
  readonly consentContact: boolean;
}

export interface NewLead {
  studyId: string;
  waveId?: number | null;
  name: string;
  email: string;
  company?: string | null;
  jobTitle?: string | null;
  companySize?: string | null;
  consentContact: boolean;
  consentVersion?: string | null;
  consentAt?: string | null;
  downloadTokenHash?: string | null;
  downloadExpiresAt?: string | null;
}

const toLead = (row: Selectable<LeadsTable>): Lead => Object.freeze({ ...row, consentContact: row.consentContact === 1 });

/** People who downloaded a publication, with their consent. */
export function createLeadsRepository({ db }: StoreContext) {
  return {
    async create(input: NewLead, now = new Date()): Promise<Lead> {
      const row = await db
        .insertInto('leads')
        .values({
          studyId: input.studyId,
          waveId: input.waveId ?? null,
          name: input.name,
          email: input.email,
          company: input.company ?? null,
          jobTitle: input.jobTitle ?? null,
          companySize: input.companySize ?? null,
          consentContact: input.consentContact ? 1 : 0,
          consentVersion: input.consentVersion ?? null,
          consentAt: input.consentAt ?? null,
          createdAt: isoTime(now),
          downloadTokenHash: input.downloadTokenHash ?? null,
          downloadExpiresAt: input.downloadExpiresAt ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toLead(row);
    },

    async get(id: number): Promise<Lead | undefined> {
      const row = await db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toLead(row);
    },

    async getByDownloadTokenHash(hash: string): Promise<Lead | undefined> {
      const row = await db.selectFrom('leads').selectAll().where('downloadTokenHash', '=', hash).executeTakeFirst();
      return row && toLead(row);
    },

    /** Leads of a study (optionally one wave), newest first. */
    async list(studyId: string, options: { waveId?: number } = {}): Promise<Lead[]> {
      const rows = await db
        .selectFrom('leads').selectAll().where('studyId', '=', studyId)
        .$if(options.waveId !== undefined, (q) => q.where('waveId', '=', options.waveId!))
        .orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toLead);
    },

    async delete(id: number): Promise<boolean> {
      const result = await db.deleteFrom('leads').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type LeadsRepository = ReturnType<typeof createLeadsRepository>;
