import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';

/** What the HTTP and REST APIs check of a client before anything else. */
export interface ClientAccess {
  readonly clientId: number;
  readonly login: string;
  readonly blocked: boolean;
  readonly canSendHttpApi: boolean;
  readonly canSendRest: boolean;
  readonly allowedIps: readonly string[];
  readonly apiPasswordHash: string | null;
}

export interface KeyAccess extends ClientAccess {
  readonly keyId: number;
  readonly ratePerSecond: number | null;
  readonly revoked: boolean;
}

interface Row {
  client_id: number;
  login: string;
  status: string;
  can_send_http_api: boolean;
  can_send_rest: boolean;
  allowed_ips: string[] | null;
  api_password_hash: string | null;
}

const select = sql`c.id AS client_id, c.login, c.status, c.can_send_http_api, c.can_send_rest, a.allowed_ips, a.api_password_hash`;

export async function findClientAccess(db: Kysely<Database>, login: string): Promise<ClientAccess | undefined> {
  const { rows } = await sql<Row>`
    SELECT ${select} FROM clients c LEFT JOIN client_access a ON a.client_id = c.id WHERE lower(c.login) = lower(${login})`.execute(db);
  return rows[0] && toAccess(rows[0]);
}

export async function findKeyAccess(db: Kysely<Database>, keyHash: string): Promise<KeyAccess | undefined> {
  const { rows } = await sql<Row & { key_id: number; rate_per_second: number | null; revoked_at: Date | null }>`
    SELECT ${select}, k.id AS key_id, k.rate_per_second, k.revoked_at
    FROM api_keys k JOIN clients c ON c.id = k.client_id LEFT JOIN client_access a ON a.client_id = c.id
    WHERE k.key_hash = ${keyHash}`.execute(db);
  const r = rows[0];
  return r && { ...toAccess(r), keyId: Number(r.key_id), ratePerSecond: r.rate_per_second, revoked: r.revoked_at !== null };
}

function toAccess(r: Row): ClientAccess {
  return {
    clientId: Number(r.client_id),
    login: r.login,
    blocked: r.status !== 'active',
    canSendHttpApi: r.can_send_http_api,
    canSendRest: r.can_send_rest,
    allowedIps: r.allowed_ips ?? [],
    apiPasswordHash: r.api_password_hash,
  };
}
