import type { Selectable } from 'kysely';
import type { LeadsTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { fromJson, toJson } from '../json.js';
import { isoTime } from '../time.js';

/** An answer to one of the study's lead form fields: a text, or the code of the chosen option. */
export type LeadFieldValue = string | number;

export interface Lead extends Readonly<Omit<Selectable<LeadsTable>, 'consentContact' | 'fields'>> {
  readonly consentContact: boolean;
  /** answers to the study's own form fields, by field id (null for leads stored before the study declared them) */
  readonly fields: Readonly<Record<string, LeadFieldValue>> | null;
}

export interface NewLead {
  studyId: string;
  waveId?: number | null;
  name: string;
  email: string;
  company?: string | null;
  jobTitle?: string | null;
  companySize?: string | null;
  /** answers to the study's lead form fields, by field id; the legacy company columns stay null for new leads */
  fields?: Readonly<Record<string, LeadFieldValue>> | null;
  consentContact: boolean;
  consentVersion?: string | null;
  consentAt?: string | null;
  downloadTokenHash?: string | null;
  downloadExpiresAt?: string | null;
}

const toLead = (row: Selectable<LeadsTable>): Lead =>
  Object.freeze({ ...row, consentContact: row.consentContact === 1, fields: row.fields === null ? null : Object.freeze(fromJson<Record<string, LeadFieldValue>>(row.fields, {})) });

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
          fields: input.fields ? toJson(input.fields) : null,
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
        .selectFrom('leads')
        .selectAll()
        .where('studyId', '=', studyId)
        .$if(options.waveId !== undefined, (q) => q.where('waveId', '=', options.waveId!))
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toLead);
    },

    async delete(id: number): Promise<boolean> {
      const result = await db.deleteFrom('leads').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type LeadsRepository = ReturnType<typeof createLeadsRepository>;
