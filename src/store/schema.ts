import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it, written by hand. Property names are camelCase: the store runs
 * Kysely's CamelCasePlugin, so `studyId` is the SQL column `study_id`. Portable types on both
 * databases: ids integer identity, times ISO-8601 UTC text, booleans integer 0/1, JSON as text,
 * binary as blob (SQLite) / bytea (PostgreSQL).
 */
export interface Database {
  studyVersions: StudyVersionsTable;
  waves: WavesTable;
  contacts: ContactsTable;
  invitations: InvitationsTable;
  invitationTokens: InvitationTokensTable;
  responses: ResponsesTable;
  submissions: SubmissionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  leads: LeadsTable;
  auditLog: AuditLogTable;
  resultsCache: ResultsCacheTable;
  instanceSettings: InstanceSettingsTable;
  rateCounters: RateCountersTable;
  whitePapers: WhitePapersTable;
  jobs: JobsTable;
  jobFiles: JobFilesTable;
}

/** ISO-8601 UTC text, e.g. 2015-03-01T09:00:00.000Z */
export type IsoTime = string;
/** JSON text */
export type JsonText = string;
/** 0 or 1 */
export type Flag = number;
/** Buffer when read (both drivers), Uint8Array accepted when written. */
export type Bytes = ColumnType<Buffer, Uint8Array, Uint8Array>;

export interface StudyVersionsTable {
  id: Generated<number>;
  studyId: string;
  version: number;
  document: JsonText;
  createdAt: IsoTime;
}

export type WaveStatus = 'draft' | 'fieldwork' | 'closed' | 'published';

export interface WavesTable {
  id: Generated<number>;
  studyId: string;
  code: string;
  studyVersionId: number;
  status: WaveStatus;
  title: string;
  opensAt: IsoTime | null;
  closesAt: IsoTime | null;
  publishedAt: IsoTime | null;
  populationTargets: JsonText | null;
  quotas: JsonText | null;
  weighting: JsonText | null;
  settings: JsonText | null;
  /** the wave's place in its study's series when opening dates cannot order it (null: by opening date) */
  seriesOrder: number | null;
  dataVersion: Generated<number>;
  createdAt: IsoTime;
  updatedAt: IsoTime;
}

export interface ContactsTable {
  id: Generated<number>;
  waveId: number;
  email: string;
  name: string | null;
  company: string | null;
  profile: JsonText | null;
  status: string;
  unsubscribedAt: IsoTime | null;
  createdAt: IsoTime;
  /** a permanent SMTP rejection (5xx) of the address: when, and the server's reply */
  bouncedAt: Generated<IsoTime | null>;
  bounceReason: Generated<string | null>;
}

export interface InvitationsTable {
  id: Generated<number>;
  waveId: number;
  contactId: number | null;
  tokenHash: string;
  sentAt: IsoTime | null;
  remindedAt: IsoTime | null;
  createdAt: IsoTime;
  /** set while a node mails this contact (the claim of a send); null otherwise */
  claimedAt: IsoTime | null;
  /** reminders sent; a reminder is claimed by incrementing it from the value read */
  reminderCount: Generated<number>;
}

/** Every link sent for an invitation (the first one and each reminder's): the token's HMAC only. */
export interface InvitationTokensTable {
  tokenHash: string;
  invitationId: number;
  createdAt: IsoTime;
}

export type ResponseStatus = 'partial' | 'complete';
export type ResponseSource = 'web' | 'demo' | 'import';

export interface ResponsesTable {
  id: Generated<number>;
  waveId: number;
  publicId: string;
  invitationId: number | null;
  status: ResponseStatus;
  answers: JsonText;
  packed: Bytes | null;
  currentPage: number;
  language: string;
  startedAt: IsoTime;
  updatedAt: IsoTime;
  completedAt: IsoTime | null;
  durationMs: number | null;
  pageDurations: JsonText | null;
  excluded: Flag;
  exclusionReason: string | null;
  flags: JsonText | null;
  company: string | null;
  email: string | null;
  benchmarkTokenHash: string | null;
  notifyEmail: string | null;
  notifiedAt: IsoTime | null;
  browserHash: string | null;
  source: ResponseSource;
  /** 1: a test answer of a researcher (test link), never counted (0008-test-responses) */
  test: Generated<Flag>;
}

export interface SubmissionsTable {
  submissionId: string;
  responseId: number;
  page: number;
  outcome: JsonText | null;
  createdAt: IsoTime;
}

export type UserRole = 'owner' | 'analyst' | 'viewer';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  passwordHash: string;
  role: UserRole;
  createdAt: IsoTime;
  disabled: Flag;
  /** the TOTP secret, encrypted with the app secret (null: no second factor) */
  totpSecret: string | null;
  /** when the owner confirmed a first code; null while enrolment is pending */
  totpEnabledAt: IsoTime | null;
  /** the last 30-second step accepted, so that a code is accepted once */
  totpLastStep: number | null;
}

export interface SessionsTable {
  idHash: string;
  userId: number;
  createdAt: IsoTime;
  lastSeenAt: IsoTime;
  expiresAt: IsoTime;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  firstFailureAt: IsoTime;
  blockedUntil: IsoTime | null;
}

export interface LeadsTable {
  id: Generated<number>;
  studyId: string;
  waveId: number | null;
  name: string;
  email: string;
  company: string | null;
  jobTitle: string | null;
  companySize: string | null;
  /** answers to the study's lead form fields, by field id (JSON) */
  fields: JsonText | null;
  consentContact: Flag;
  consentVersion: string | null;
  consentAt: IsoTime | null;
  createdAt: IsoTime;
  downloadTokenHash: string | null;
  downloadExpiresAt: IsoTime | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: IsoTime;
  userId: number | null;
  action: string;
  target: string | null;
  details: JsonText | null;
}

export interface ResultsCacheTable {
  waveId: number;
  cacheKey: string;
  dataVersion: number;
  payload: string;
  computedAt: IsoTime;
}

export interface InstanceSettingsTable {
  name: string;
  value: string;
}

export interface RateCountersTable {
  key: string;
  hits: number;
  resetsAt: IsoTime;
}

export interface WhitePapersTable {
  waveId: number;
  lang: string;
  cacheKey: string;
  etag: string;
  pdf: Bytes;
  createdAt: IsoTime;
}

/** `waiting-confirmation`: held until its user confirms it (an import previewed, not yet confirmed); never claimed by a worker */
export type JobStatus = 'waiting-confirmation' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Background work shared by every node (migration 0006): see jobs-repository.ts. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  waveId: number | null;
  payload: JsonText;
  status: JobStatus;
  runAt: IsoTime;
  attempts: Generated<number>;
  maxAttempts: number;
  lastError: string | null;
  progressDone: Generated<number>;
  progressFailed: Generated<number>;
  progressTotal: number | null;
  leaseOwner: string | null;
  leaseExpiresAt: IsoTime | null;
  createdBy: string | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  finishedAt: IsoTime | null;
  /** at most one queued or running job per key (migration 0009) */
  dedupeKey: string | null;
  /** what the finished job reports (JSON, migration 0009) */
  result: JsonText | null;
}

/** A job's input or output file, in parts (migration 0009): see job-files-repository.ts. */
export interface JobFilesTable {
  jobId: number;
  role: 'input' | 'output';
  part: number;
  name: string;
  contentType: string;
  size: number;
  bytes: Bytes;
  createdAt: IsoTime;
  expiresAt: IsoTime;
}
