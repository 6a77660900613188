/** One changed field: what it was and what it became (JSON values). */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * The fields whose values differ between two snapshots (deep, by JSON value). Secret fields
 * are reported as changed with both values hidden, so history never holds a password.
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>, secret: ReadonlySet<string> = new Set()): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const field of keys) {
    const a = before?.[field] ?? null;
    const b = after[field] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes.push(secret.has(field) ? { field, before: null, after: '(changed)' } : { field, before: a, after: b });
  }
  return changes;
}
