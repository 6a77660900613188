/** Whether a database error is a unique violation of the named index (PostgreSQL and PGlite alike). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e !== null && typeof e === 'object' && e.code === '23505' && e.constraint === constraint;
}

/** Whether a database error is a foreign key violation (a row still referred to). */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return e !== null && typeof e === 'object' && e.code === '23503';
}
