import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';

export interface MigrationReport {
  readonly kind: 'migration-report';
  /** names of the migrations applied by this run, in order (empty when already up to date) */
  readonly applied: readonly string[];
}

/**
 * Brings the schema to the latest migration. Safe to run at every start and from several
 * processes (Kysely takes a lock table). Throws the first migration error.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  // migrations spell real SQL names, so they run without the camelCase plugin
  const migrator = new Migrator({ db: db.withoutPlugins(), provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`migration failed${name}: ${(error as Error | undefined)?.message ?? 'unknown error'}`, {
      cause: error,
    });
  }
  return Object.freeze({
    kind: 'migration-report' as const,
    applied: Object.freeze(results.filter((r) => r.status === 'Success').map((r) => r.migrationName)),
  });
}

export interface Readiness {
  readonly kind: 'readiness';
  /** migrations this code has that the database has not applied (empty: current) */
  readonly pendingMigrations: readonly string[];
}

/**
 * Whether the database answers and its schema is current: one round trip that reads the migration table.
 * Throws the driver's error when the database is unreachable (see `databaseUnavailable`).
 */
export async function readiness(db: Kysely<any>): Promise<Readiness> {
  const migrations = await new Migrator({ db: db.withoutPlugins(), provider: migrationProvider }).getMigrations();
  return Object.freeze({ kind: 'readiness' as const, pendingMigrations: Object.freeze(migrations.filter((m) => m.executedAt === undefined).map((m) => m.name)) });
}
