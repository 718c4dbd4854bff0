import { EXPORT_JOB, runExportJob } from './export-job.js';
import { IMPORT_RESPONSES_JOB, runImportJob } from './import-job.js';
import { INVITATION_JOB_KINDS, runInvitationJob } from './invitation-job.js';
import type { JobHandler } from './job-worker.js';
import { runWhitePaperJob, WHITE_PAPER_JOB } from './white-paper-job.js';
import { PUBLICATION_NOTICES_JOB, runPublicationNoticesJob } from './publication-notices-job.js';

/** Every kind of job and its handler: what a worker (in the app or `barometre worker`) runs. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = Object.freeze({
  ...Object.fromEntries(Object.keys(INVITATION_JOB_KINDS).map((kind) => [kind, runInvitationJob])),
  [PUBLICATION_NOTICES_JOB]: runPublicationNoticesJob,
  [EXPORT_JOB]: runExportJob,
  [WHITE_PAPER_JOB]: runWhitePaperJob,
  [IMPORT_RESPONSES_JOB]: runImportJob,
});
