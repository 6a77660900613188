import type { Kysely } from 'kysely';
import type { Actor } from './operator.ts';
import type { FieldChange } from './diff-fields.ts';
import type { AccountsTables } from './tables.ts';

export interface HistoryEntry {
  readonly id: number;
  readonly action: string;
  readonly field: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly actor: string;
  readonly at: Date;
}

/** Who changed what and when, for clients and for every list an operator manages. */
export class HistoryStore {
  constructor(private readonly db: Kysely<AccountsTables>) {}

  /** Records an action and its field changes; call it inside the transaction that made them. */
  async record(db: Kysely<AccountsTables>, entity: string, entityId: number, action: string, actor: Actor, changes: readonly FieldChange[]): Promise<void> {
    const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
    const rows = (changes.length ? changes : [{ field: null, before: null, after: null }]).map((c) => ({
      entity,
      entity_id: entityId,
      action,
      field: c.field,
      before: json(c.before),
      after: json(c.after),
      actor_id: actor.id,
      actor_login: actor.login,
    }));
    await db.insertInto('history').values(rows).execute();
  }

  async list(entity: string, entityId: number, limit = 500): Promise<HistoryEntry[]> {
    const rows = await this.db.selectFrom('history').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, action: r.action, field: r.field, before: r.before, after: r.after, actor: r.actor_login, at: r.at }));
  }

  async listEntity(entity: string, limit = 500): Promise<(HistoryEntry & { entityId: number })[]> {
    const rows = await this.db.selectFrom('history').selectAll().where('entity', '=', entity).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, entityId: r.entity_id, action: r.action, field: r.field, before: r.before, after: r.after, actor: r.actor_login, at: r.at }));
  }
}
