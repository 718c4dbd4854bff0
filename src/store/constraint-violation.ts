/** Recognises constraint violations from either driver, so repositories can map them to AppError. */
/** True when a driver error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when a driver error is a foreign-key violation (SQLite or PostgreSQL). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * True when a write lost a race with another connection writing the same rows, so the whole
 * transaction can be run again: a unique violation (both drivers), PostgreSQL's serialization failure
 * or deadlock, or SQLite's SQLITE_BUSY family (a transaction that had read could not take the write
 * lock, or its snapshot is stale, because another connection wrote meanwhile).
 */
export function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (isUniqueViolation(error) || code === '40001' || code === '40P01') return true;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
