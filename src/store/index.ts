/**
 * The storage layer: import from 'src/store/index.js'.
 *
 * `openStore({ dataDir, databaseUrl })` opens SQLite (`${dataDir}/barometre.sqlite`, WAL) or
 * PostgreSQL (a postgres:// URL) and migrates; `createDatabase` opens without migrating. Both return a
 * `Store`: one repository per table group, `transaction(fn)` (fn receives the same repositories bound to
 * the transaction: use only `tx.*` inside it, or SQLite's single connection waits on itself), `migrate()`,
 * `compact()`, `close()`. Open one store per SQLite file per process. Kysely and the dialect stay inside
 * this folder (store-internals.ts): every SQL statement is a repository's, so the per-database suites run
 * it, and nothing outside src/store can write one (the type has no `db`; the architecture test checks it).
 *
 * How answers are stored: each response row keeps `answers`, JSON text keyed by variable name (the
 * source of truth, open texts included), and `packed`, a binary vector laid out by the wave's study
 * version and computed by the study layer (opaque bytes here). Loading a wave into columns streams only
 * `packed` with `responses.iteratePacked(waveId)`: on SQLite a raw prepared-statement iterator on its own
 * read connection (about 1,000,000 rows in 3 s), on PostgreSQL keyset pages of 10,000 rows.
 * `responses.insertMany` writes one transaction per 2,500 rows, 64 rows per INSERT on SQLite (a million demo responses in about 22 s on a quiet machine).
 */
export { createDatabase, openStore, isPostgresUrl, DATABASE_DEFAULTS, type DatabaseOptions } from './create-database.js';
export { databaseUnavailable, type DatabaseUnavailable, type UnavailableReason } from './database-unavailable.js';
export type { Store, TransactionStore } from './store.js';
export type { Repositories } from './repositories.js';
export type { StoreDialect } from './store-dialect.js';
export { migrateToLatest, type MigrationReport, type Readiness } from './migrate-to-latest.js';
export { MIGRATIONS } from './migrations/index.js';
export type { JsonValue, JsonObject } from './json.js';
export type { Database, WaveStatus, ResponseStatus, ResponseSource, UserRole } from './schema.js';
export type { StudyVersion, StudySummary, SaveVersionResult, StudiesRepository } from './repositories/studies-repository.js';
export type { Wave, NewWave, WavePatch, WavesRepository, WaveSeriesKey } from './repositories/waves-repository.js';
export { compareWaves, sortWaves } from './repositories/waves-repository.js';
export type { ResponseRecord } from './repositories/response-record.js';
export type { NewResponse, ResponsePatch, ListResponsesOptions, ResponseParadata, ResponsesRepository } from './repositories/responses-repository.js';
export type { SavePageInput, SavePageResult } from './repositories/save-page.js';
export type { BulkResponse, InsertManyOptions } from './repositories/insert-many.js';
export type { PackedRow, IteratePackedOptions } from './repositories/iterate-packed.js';
export type { Contact, NewContact, ContactsRepository } from './repositories/contacts-repository.js';
export type { ContactLeftOutReason, ContactsCopy } from './repositories/copy-contacts.js';
export type { Invitation, InvitationsRepository } from './repositories/invitations-repository.js';
export type { User, UsersRepository } from './repositories/users-repository.js';
export type { Session, SessionsRepository } from './repositories/sessions-repository.js';
export type { LoginAttempt, LoginAttemptsRepository } from './repositories/login-attempts-repository.js';
export type { Lead, LeadFieldValue, NewLead, LeadsRepository } from './repositories/leads-repository.js';
export type { AuditEntry, AuditLogRepository } from './repositories/audit-log-repository.js';
export type { ResultsCacheRepository } from './repositories/results-cache-repository.js';
export type { StoredWhitePaper, WhitePapersRepository } from './repositories/white-papers-repository.js';
export type { BenchmarkNotice, BenchmarksRepository } from './repositories/benchmarks-repository.js';
export type { ResponseAnswers, PersonalDataRepository } from './repositories/personal-data-repository.js';
export type { Job, JobStatus, JobProgress, NewJob, JobsRepository } from './repositories/jobs-repository.js';
export type { JobFileInfo, NewJobFile, JobFilesRepository } from './repositories/job-files-repository.js';
export { retryDelayMs, RETRY_BASE_MS, RETRY_CAP_MS } from './repositories/jobs-repository.js';
