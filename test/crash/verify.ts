/** The checks after a crash run: every acknowledged response exactly once, as acknowledged; the database sound. */
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Store } from '../../src/store/index.js';
import type { Questionnaire } from './respondent.js';
import { rawDatabase } from '../helpers/raw-database.js';

export interface Verdict {
  readonly acknowledgedResponses: number;
  readonly acknowledgedCompletes: number;
  readonly found: number;
  readonly foundComplete: number;
  readonly rowsInDatabase: number;
  readonly integrity: string;
  readonly problems: readonly string[];
}

export async function verifyRun(store: Store, waveId: number, questionnaires: readonly Questionnaire[], sqliteFile?: string): Promise<Verdict> {
  const rows = await rawDatabase(store).selectFrom('responses').select(['publicId', 'status', 'answers']).where('waveId', '=', waveId).execute();
  const byPublicId = new Map<string, typeof rows>();
  const byMarker = new Map<string, number>();
  for (const row of rows) {
    byPublicId.set(row.publicId, [...(byPublicId.get(row.publicId) ?? []), row]);
    const marker = (JSON.parse(row.answers) as Record<string, unknown>).company_name;
    if (typeof marker === 'string') byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
  }
  const problems: string[] = [];
  let acknowledgedResponses = 0;
  let acknowledgedCompletes = 0;
  let found = 0;
  let foundComplete = 0;
  for (const q of questionnaires) {
    if (q.rejected) problems.push(`${q.marker}: ${q.rejected}`);
    if (q.acknowledgedPages === 0) continue;
    acknowledgedResponses++;
    if (q.complete) acknowledgedCompletes++;
    const matches = q.publicId === undefined ? [] : (byPublicId.get(q.publicId) ?? []);
    if (matches.length !== 1) {
      problems.push(`${q.marker}: ${q.acknowledgedPages} acknowledged page(s) but ${matches.length} response(s) with its id`);
      continue;
    }
    const row = matches[0]!;
    const stored = JSON.parse(row.answers) as Record<string, unknown>;
    if ('company_name' in q.acknowledged && byMarker.get(q.marker) !== 1) problems.push(`${q.marker}: found ${byMarker.get(q.marker) ?? 0} times`);
    const lost = Object.entries(q.acknowledged)
      .filter(([key, value]) => !isDeepStrictEqual(stored[key], value))
      .map(([key]) => key);
    if (lost.length > 0) {
      problems.push(`${q.marker}: acknowledged answers missing or different: ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? '…' : ''}`);
      continue;
    }
    if (q.complete && row.status !== 'complete') {
      problems.push(`${q.marker}: acknowledged complete but stored ${row.status}`);
      continue;
    }
    found++;
    if (row.status === 'complete') foundComplete++;
  }
  const started = new Set(questionnaires.filter((q) => q.publicId !== undefined).map((q) => q.publicId));
  if (byPublicId.size !== rows.length) problems.push('two rows with one public id');
  for (const [marker, n] of byMarker) if (n > 1) problems.push(`marker ${marker} stored ${n} times`);
  if (rows.length < started.size) problems.push(`${rows.length} rows for ${started.size} acknowledged questionnaires`);
  return Object.freeze({
    acknowledgedResponses,
    acknowledgedCompletes,
    found,
    foundComplete,
    rowsInDatabase: rows.length,
    integrity: sqliteFile ? sqliteIntegrity(sqliteFile) : await postgresIntegrity(store),
    problems: Object.freeze(problems),
  });
}

/** PRAGMA integrity_check and foreign_key_check on a fresh connection. */
function sqliteIntegrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
    return foreignKeys === 0 ? integrity : `${integrity}; ${foreignKeys} foreign key violation(s)`;
  } finally {
    db.close();
  }
}

/** PostgreSQL has no integrity_check: every table read through (heap and TOAST), and no orphan rows. */
async function postgresIntegrity(store: Store): Promise<string> {
  const tables = ['responses', 'submissions', 'waves', 'study_versions', 'audit_log'];
  for (const table of tables) await sql`select count(*), sum(length(t::text)) from ${sql.table(table)} t`.execute(rawDatabase(store));
  const orphans = await sql<{ n: string }>`select count(*) as n from submissions s left join responses r on r.id = s.response_id where r.id is null`.execute(rawDatabase(store));
  const n = Number(orphans.rows[0]?.n ?? 0);
  return n === 0 ? 'ok' : `${n} orphan submission(s)`;
}
