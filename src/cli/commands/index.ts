import type { CliCommand } from '../command.js';
import { backupCommand } from './backup.js';
import { gdprEraseCommand } from './gdpr-erase.js';
import { gdprPurgeCommand } from './gdpr-purge.js';
import { dbMigrateCommand } from './db-migrate.js';
import { demoGenerateCommand } from './demo-generate.js';
import { demoResetCommand } from './demo-reset.js';
import { exportCommand } from './export.js';
import { importLimesurveyCommand, importSurveyjsCommand } from './import-questionnaire.js';
import { importResponsesCommand } from './import-responses.js';
import { reportCommand } from './report.js';
import { serveCommand } from './serve.js';
import { startCommand } from './start.js';
import { statsCommand } from './stats.js';
import { studyDiffCommand } from './study-diff.js';
import { studyExportCommand } from './study-export.js';
import { studyListCommand } from './study-list.js';
import { studyAddCommand, studyUpdateCommand } from './study-store.js';
import { studyValidateCommand } from './study-validate.js';
import { studyVersionsCommand } from './study-versions.js';
import { userAddCommand } from './user-add.js';
import { userResetTotpCommand } from './user-reset-totp.js';

/** Every command of the CLI, in the order `barometre --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  startCommand,
  serveCommand,
  dbMigrateCommand,
  studyValidateCommand,
  studyExportCommand,
  studyListCommand,
  studyAddCommand,
  studyUpdateCommand,
  studyVersionsCommand,
  studyDiffCommand,
  statsCommand,
  exportCommand,
  reportCommand,
  importResponsesCommand,
  importLimesurveyCommand,
  importSurveyjsCommand,
  demoGenerateCommand,
  demoResetCommand,
  userAddCommand,
  userResetTotpCommand,
  gdprEraseCommand,
  gdprPurgeCommand,
  backupCommand,
];
