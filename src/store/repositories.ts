import { createAuditLogRepository, type AuditLogRepository } from './repositories/audit-log-repository.js';
import { createBenchmarksRepository, type BenchmarksRepository } from './repositories/benchmarks-repository.js';
import { createContactsRepository, type ContactsRepository } from './repositories/contacts-repository.js';
import { createInstanceSettingsRepository, type InstanceSettingsRepository } from './repositories/instance-settings-repository.js';
import { createInvitationsRepository, type InvitationsRepository } from './repositories/invitations-repository.js';
import { createJobFilesRepository, type JobFilesRepository } from './repositories/job-files-repository.js';
import { createJobsRepository, type JobsRepository } from './repositories/jobs-repository.js';
import { createLeadsRepository, type LeadsRepository } from './repositories/leads-repository.js';
import { createLoginAttemptsRepository, type LoginAttemptsRepository } from './repositories/login-attempts-repository.js';
import { createPersonalDataRepository, type PersonalDataRepository } from './repositories/personal-data-repository.js';
import { createRateCountersRepository, type RateCountersRepository } from './repositories/rate-counters-repository.js';
import { createResponsesRepository, type ResponsesRepository } from './repositories/responses-repository.js';
import { createResultsCacheRepository, type ResultsCacheRepository } from './repositories/results-cache-repository.js';
import { createSessionsRepository, type SessionsRepository } from './repositories/sessions-repository.js';
import { createStudiesRepository, type StudiesRepository } from './repositories/studies-repository.js';
import { createUsersRepository, type UsersRepository } from './repositories/users-repository.js';
import { createWavesRepository, type WavesRepository } from './repositories/waves-repository.js';
import { createWhitePapersRepository, type WhitePapersRepository } from './repositories/white-papers-repository.js';
import type { StoreContext } from './store-context.js';

/** Every repository, bound to one Kysely instance or transaction. */
export interface Repositories {
  readonly studies: StudiesRepository;
  readonly waves: WavesRepository;
  readonly responses: ResponsesRepository;
  readonly contacts: ContactsRepository;
  readonly invitations: InvitationsRepository;
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly loginAttempts: LoginAttemptsRepository;
  readonly leads: LeadsRepository;
  readonly auditLog: AuditLogRepository;
  readonly resultsCache: ResultsCacheRepository;
  readonly benchmarks: BenchmarksRepository;
  readonly personalData: PersonalDataRepository;
  readonly instanceSettings: InstanceSettingsRepository;
  readonly rateCounters: RateCountersRepository;
  readonly whitePapers: WhitePapersRepository;
  readonly jobs: JobsRepository;
  readonly jobFiles: JobFilesRepository;
}

export function createRepositories(ctx: StoreContext): Repositories {
  return Object.freeze({
    studies: createStudiesRepository(ctx),
    waves: createWavesRepository(ctx),
    responses: createResponsesRepository(ctx),
    contacts: createContactsRepository(ctx),
    invitations: createInvitationsRepository(ctx),
    users: createUsersRepository(ctx),
    sessions: createSessionsRepository(ctx),
    loginAttempts: createLoginAttemptsRepository(ctx),
    leads: createLeadsRepository(ctx),
    auditLog: createAuditLogRepository(ctx),
    resultsCache: createResultsCacheRepository(ctx),
    benchmarks: createBenchmarksRepository(ctx),
    personalData: createPersonalDataRepository(ctx),
    instanceSettings: createInstanceSettingsRepository(ctx),
    rateCounters: createRateCountersRepository(ctx),
    whitePapers: createWhitePapersRepository(ctx),
    jobs: createJobsRepository(ctx),
    jobFiles: createJobFilesRepository(ctx),
  });
}
