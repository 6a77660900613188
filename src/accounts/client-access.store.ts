import { type Kysely, sql } from 'kysely';
import type { ClientAccessTables } from './client-access-tables.ts';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<ClientAccessTables & Pick<AccountsTables, 'clients'>>;

/** The SMPP & API tab of a client, without secrets. */
export interface ClientAccess {
  readonly clientId: number;
  /** The stored system_id, or the login when none is stored and it fits (≤ 15 characters). */
  readonly smppSystemId: string | null;
  readonly smppSystemIdIsDefault: boolean;
  readonly smppPasswordSet: boolean;
  readonly allowedIps: readonly string[];
  readonly maxBinds: number;
  readonly throughput: number | null;
  readonly apiPasswordSet: boolean;
}

/** What the SMPP server needs to authenticate a bind. */
export interface SmppCredentials {
  readonly clientId: number;
  readonly login: string;
  readonly systemId: string;
  /** argon2id; null when no SMPP password was set (every bind is refused). */
  readonly passwordHash: string | null;
  readonly allowedIps: readonly string[];
  readonly maxBinds: number;
  /** Messages per second over all of the client's binds; null = no limit of its own. */
  readonly throughput: number | null;
  readonly canSendSmpp: boolean;
  readonly status: 'active' | 'blocked';
}

export interface ClientAccessPatch {
  readonly smppSystemId?: string | null | undefined;
  readonly smppPasswordHash?: string | undefined;
  readonly allowedIps?: readonly string[] | undefined;
  readonly maxBinds?: number | undefined;
  readonly throughput?: number | null | undefined;
  readonly apiPasswordHash?: string | undefined;
}

export const SYSTEM_ID_KEY = 'client_access_system_id_key';
export const MAX_SYSTEM_ID = 15;
const DEFAULTS = { maxBinds: 5 };

/** A client's SMPP and HTTP API credentials and connection limits (SQL only). */
export class ClientAccessStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): ClientAccessStore {
    return new ClientAccessStore(trx);
  }

  async get(clientId: number): Promise<ClientAccess | undefined> {
    const r = await this.db
      .selectFrom('clients as c')
      .leftJoin('client_access as a', 'a.client_id', 'c.id')
      .select(['c.id', 'c.login', 'a.smpp_system_id', 'a.smpp_password_hash', 'a.allowed_ips', 'a.max_binds', 'a.throughput', 'a.api_password_hash'])
      .where('c.id', '=', clientId)
      .executeTakeFirst();
    if (!r) return undefined;
    const fallback = r.login.length <= MAX_SYSTEM_ID ? r.login : null;
    return {
      clientId: r.id,
      smppSystemId: r.smpp_system_id ?? fallback,
      smppSystemIdIsDefault: r.smpp_system_id === null,
      smppPasswordSet: r.smpp_password_hash !== null,
      allowedIps: r.allowed_ips ?? [],
      maxBinds: r.max_binds ?? DEFAULTS.maxBinds,
      throughput: r.throughput ?? null,
      apiPasswordSet: r.api_password_hash !== null,
    };
  }

  /** Creates or changes the client's row; fields left undefined keep their value. */
  async put(clientId: number, p: ClientAccessPatch): Promise<void> {
    const set = {
      ...(p.smppSystemId !== undefined && { smpp_system_id: p.smppSystemId }),
      ...(p.smppPasswordHash !== undefined && { smpp_password_hash: p.smppPasswordHash }),
      ...(p.allowedIps !== undefined && { allowed_ips: [...p.allowedIps] }),
      ...(p.maxBinds !== undefined && { max_binds: p.maxBinds }),
      ...(p.throughput !== undefined && { throughput: p.throughput }),
      ...(p.apiPasswordHash !== undefined && { api_password_hash: p.apiPasswordHash }),
    };
    await this.db
      .insertInto('client_access')
      .values({ client_id: clientId, allowed_ips: [], max_binds: DEFAULTS.maxBinds, throughput: null, smpp_system_id: null, smpp_password_hash: null, api_password_hash: null, ...set })
      .onConflict((oc) => (Object.keys(set).length ? oc.column('client_id').doUpdateSet(set) : oc.column('client_id').doNothing()))
      .execute();
  }

  /**
   * Whether another client answers to this system_id, letter case aside: one that stored it, or
   * one whose login is its default system_id (no system_id stored).
   */
  async systemIdTaken(systemId: string, exceptClientId: number): Promise<boolean> {
    const r = await this.credentialsQuery(systemId).where('c.id', '<>', exceptClientId).executeTakeFirst();
    return r !== undefined;
  }

  /** For the SMPP server: the client a bind's system_id names, with what deciding the bind needs. */
  async findBySystemId(systemId: string): Promise<SmppCredentials | undefined> {
    const r = await this.credentialsQuery(systemId).executeTakeFirst();
    if (!r) return undefined;
    return {
      clientId: r.id,
      login: r.login,
      systemId: r.system_id,
      passwordHash: r.smpp_password_hash,
      allowedIps: r.allowed_ips ?? [],
      maxBinds: r.max_binds ?? DEFAULTS.maxBinds,
      throughput: r.throughput ?? null,
      canSendSmpp: r.can_send_smpp,
      status: r.status,
    };
  }

  /** For the HTTP API (/sendsms): the client by login with its API password hash and rights. */
  async findApiCredentials(login: string): Promise<{ clientId: number; apiPasswordHash: string | null; canSendHttpApi: boolean; canSendRest: boolean; allowedIps: readonly string[]; status: 'active' | 'blocked' } | undefined> {
    const r = await this.db
      .selectFrom('clients as c')
      .leftJoin('client_access as a', 'a.client_id', 'c.id')
      .select(['c.id', 'a.api_password_hash', 'c.can_send_http_api', 'c.can_send_rest', 'a.allowed_ips', 'c.status'])
      .where(sql<string>`lower(c.login)`, '=', login.toLowerCase())
      .executeTakeFirst();
    return r && { clientId: r.id, apiPasswordHash: r.api_password_hash ?? null, canSendHttpApi: r.can_send_http_api, canSendRest: r.can_send_rest, allowedIps: r.allowed_ips ?? [], status: r.status };
  }

  /** A stored system_id first (its index), else a client whose login is its default system_id. */
  private credentialsQuery(systemId: string) {
    const lower = systemId.toLowerCase();
    return this.db
      .selectFrom('clients as c')
      .leftJoin('client_access as a', 'a.client_id', 'c.id')
      .select(['c.id', 'c.login', 'c.can_send_smpp', 'c.status', 'a.smpp_password_hash', 'a.allowed_ips', 'a.max_binds', 'a.throughput', sql<string>`coalesce(a.smpp_system_id, c.login)`.as('system_id')])
      .where((eb) =>
        eb.or([
          eb('c.id', 'in', eb.selectFrom('client_access as x').select('x.client_id').where(sql<string>`lower(x.smpp_system_id)`, '=', lower)),
          eb.and([eb(sql<string>`lower(c.login)`, '=', lower), eb('a.smpp_system_id', 'is', null), eb(sql<number>`length(c.login)`, '<=', MAX_SYSTEM_ID)]),
        ]),
      )
      .orderBy(sql`a.smpp_system_id IS NULL`)
      .limit(1);
  }
}
