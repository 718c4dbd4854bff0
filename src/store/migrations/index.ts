import type { Migration, MigrationProvider } from 'kysely';
import { m0001Initial } from './0001-initial.js';
import { m0002InvitationTokens } from './0002-invitation-tokens.js';
import { m0003GenericStudies } from './0003-generic-studies.js';
import { m0004SeveralNodes } from './0004-several-nodes.js';
import { m0005OneInvitationPerContact } from './0005-one-invitation-per-contact.js';
import { m0006Jobs } from './0006-jobs.js';
import { m0007WhitePapers } from './0007-white-papers.js';
import { m0008TestResponses } from './0008-test-responses.js';
import { m0009JobFiles } from './0009-job-files.js';

/**
 * Every migration, in order. Add a file `NNNN-name.ts` exporting `mNNNNName` and list it here;
 * never edit a migration that has shipped.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': m0001Initial,
  '0002-invitation-tokens': m0002InvitationTokens,
  '0003-generic-studies': m0003GenericStudies,
  '0004-several-nodes': m0004SeveralNodes,
  '0005-one-invitation-per-contact': m0005OneInvitationPerContact,
  '0006-jobs': m0006Jobs,
  '0007-white-papers': m0007WhitePapers,
  '0008-test-responses': m0008TestResponses,
  '0009-job-files': m0009JobFiles,
};

/** The in-code provider Kysely's Migrator reads (no file-system scanning, works under tsx and bundles). */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return { ...MIGRATIONS };
  },
};
