import type { Kysely } from 'kysely';
import type { ApiKeysTables } from './api-keys-tables.ts';

export interface ApiKeyView {
  readonly id: number;
  readonly name: string;
  readonly prefix: string;
  readonly ratePerSecond: number | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

type Row = { id: number; name: string; prefix: string; rate_per_second: number | null; created_by: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };
const columns = ['id', 'name', 'prefix', 'rate_per_second', 'created_by', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** A client's REST API keys: only the SHA-256 of a key is stored, with its first characters for display. */
export class ApiKeyStore {
  constructor(private readonly db: Kysely<ApiKeysTables>) {}

  async create(k: { clientId: number; name: string; prefix: string; hash: string; ratePerSecond: number | null; createdBy: string; at: Date }): Promise<ApiKeyView> {
    const row = await this.db
      .insertInto('api_keys')
      .values({ client_id: k.clientId, name: k.name, prefix: k.prefix, key_hash: k.hash, rate_per_second: k.ratePerSecond, created_by: k.createdBy, created_at: k.at, last_used_at: null, revoked_at: null })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return view(row);
  }

  async list(clientId: number): Promise<ApiKeyView[]> {
    const rows = await this.db.selectFrom('api_keys').select(columns).where('client_id', '=', clientId).orderBy('id').execute();
    return rows.map(view);
  }

  /** Revokes a key of the client; returns it with its hash (so caches can drop it), or undefined when there is no such key. */
  async revoke(clientId: number, keyId: number, at: Date): Promise<(ApiKeyView & { hash: string }) | undefined> {
    const row = await this.db
      .updateTable('api_keys')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
      .where('id', '=', keyId)
      .where('client_id', '=', clientId)
      .returning([...columns, 'key_hash'])
      .executeTakeFirst();
    return row && { ...view(row), hash: row.key_hash };
  }

  async touch(keyId: number, at: Date): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', keyId).execute();
  }
}

function view(r: Row): ApiKeyView {
  return {
    id: Number(r.id),
    name: r.name,
    prefix: r.prefix,
    ratePerSecond: r.rate_per_second,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  };
}
