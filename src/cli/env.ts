import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../app-error.js';

/** What database commands need from the environment. */
export interface CliEnv {
  /** absolute; SQLite's folder (DATA_DIR, default ./data) */
  readonly dataDir: string;
  /** a postgres:// URL, or undefined for SQLite */
  readonly databaseUrl: string | undefined;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const ZCliEnv = z.object({
  DATA_DIR: z.preprocess(blankToUndefined, z.string().trim().optional()).transform((v) => resolve(v ?? './data')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^postgres(?:ql)?:\/\//, 'expected a postgres:// or postgresql:// URL (leave it unset for SQLite)')
      .optional(),
  ),
});

/** Reads and validates DATA_DIR and DATABASE_URL; throws AppError INVALID_INPUT naming the variable. */
export function readCliEnv(env: NodeJS.ProcessEnv): CliEnv {
  const parsed = ZCliEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('INVALID_INPUT', `invalid environment: ${issues.join('; ')}`, { issues });
  }
  return Object.freeze({ dataDir: parsed.data.DATA_DIR, databaseUrl: parsed.data.DATABASE_URL });
}
