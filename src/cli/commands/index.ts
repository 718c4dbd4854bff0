import type { CliCommand, CliCommandEntry } from '../command.js';
import { COMMAND_TEXTS } from './command-texts.js';

/** How to load each command: nothing is imported until the command runs. */
const LOADERS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  start: async () => (await import('./start.js')).startCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  worker: async () => (await import('./worker.js')).workerCommand,
  'db migrate': async () => (await import('./db-migrate.js')).dbMigrateCommand,
  'study validate': async () => (await import('./study-validate.js')).studyValidateCommand,
  'study export': async () => (await import('./study-export.js')).studyExportCommand,
  'study list': async () => (await import('./study-list.js')).studyListCommand,
  'study add': async () => (await import('./study-store.js')).studyAddCommand,
  'study update': async () => (await import('./study-store.js')).studyUpdateCommand,
  'study versions': async () => (await import('./study-versions.js')).studyVersionsCommand,
  'study diff': async () => (await import('./study-diff.js')).studyDiffCommand,
  stats: async () => (await import('./stats.js')).statsCommand,
  export: async () => (await import('./export.js')).exportCommand,
  report: async () => (await import('./report.js')).reportCommand,
  'import responses': async () => (await import('./import-responses.js')).importResponsesCommand,
  'import limesurvey': async () => (await import('./import-questionnaire.js')).importLimesurveyCommand,
  'import surveyjs': async () => (await import('./import-questionnaire.js')).importSurveyjsCommand,
  'import xlsform': async () => (await import('./import-questionnaire.js')).importXlsformCommand,
  'demo generate': async () => (await import('./demo-generate.js')).demoGenerateCommand,
  'demo reset': async () => (await import('./demo-reset.js')).demoResetCommand,
  'user add': async () => (await import('./user-add.js')).userAddCommand,
  'user reset-totp': async () => (await import('./user-reset-totp.js')).userResetTotpCommand,
  'gdpr erase': async () => (await import('./gdpr-erase.js')).gdprEraseCommand,
  'gdpr purge': async () => (await import('./gdpr-purge.js')).gdprPurgeCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
};

/**
 * Every command of the CLI, in the order `barometre --help` lists them: its text (command-texts.ts) and how to
 * load it. Nothing here imports a command module until `load()` runs, so `barometre --help` and `barometre
 * COMMAND --help` start without the server, the store, pdfkit or vega.
 */
export const COMMANDS: readonly CliCommandEntry[] = COMMAND_TEXTS.map((text) => {
  const load = LOADERS[text.name];
  if (!load) throw new Error(`no loader for the CLI command "${text.name}" in src/cli/commands/index.ts`);
  return { ...text, load };
});
