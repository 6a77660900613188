import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { RoutingTables, VendorsTable } from './tables.ts';

type Db = Kysely<RoutingTables>;

/** An upstream SMSC and how Petrel binds to it. The password is kept in clear: Petrel must send it. */
export interface Vendor {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  readonly bindType: 'transceiver' | 'transmitter';
  readonly sessions: number;
  readonly tps: number;
  readonly windowSize: number;
  readonly enquireLinkSeconds: number;
  readonly reconnectDelaySeconds: number;
  readonly defaultCoding: 'gsm7' | 'latin1' | 'ascii';
  readonly sourceTon: number | null;
  readonly sourceNpi: number | null;
  readonly destTon: number;
  readonly destNpi: number;
  readonly messageIdBase: 'auto' | 'decimal' | 'hex';
  /** command_status / DLR err codes that move a message to the next route. */
  readonly rerouteCodes: readonly number[];
  /** Soft block: messages wait, nothing is sent. */
  readonly blocked: boolean;
  readonly dailyLimit: number | null;
  readonly enabled: boolean;
  readonly createdAt: Date;
}

export type VendorInput = Omit<Vendor, 'id' | 'createdAt'>;

const toVendor = (r: Selectable<VendorsTable>): Vendor => ({
  id: r.id,
  name: r.name,
  host: r.host,
  port: r.port,
  tls: r.tls,
  systemId: r.system_id,
  password: r.password,
  systemType: r.system_type,
  bindType: r.bind_type,
  sessions: r.sessions,
  tps: r.tps,
  windowSize: r.window_size,
  enquireLinkSeconds: r.enquire_link_seconds,
  reconnectDelaySeconds: r.reconnect_delay_seconds,
  defaultCoding: r.default_coding,
  sourceTon: r.source_ton,
  sourceNpi: r.source_npi,
  destTon: r.dest_ton,
  destNpi: r.dest_npi,
  messageIdBase: r.message_id_base,
  rerouteCodes: r.reroute_codes,
  blocked: r.blocked,
  dailyLimit: r.daily_limit,
  enabled: r.enabled,
  createdAt: r.created_at,
});

const columns = (v: Partial<VendorInput>): Partial<Insertable<VendorsTable>> => {
  const map: Record<keyof VendorInput, keyof VendorsTable> = {
    name: 'name',
    host: 'host',
    port: 'port',
    tls: 'tls',
    systemId: 'system_id',
    password: 'password',
    systemType: 'system_type',
    bindType: 'bind_type',
    sessions: 'sessions',
    tps: 'tps',
    windowSize: 'window_size',
    enquireLinkSeconds: 'enquire_link_seconds',
    reconnectDelaySeconds: 'reconnect_delay_seconds',
    defaultCoding: 'default_coding',
    sourceTon: 'source_ton',
    sourceNpi: 'source_npi',
    destTon: 'dest_ton',
    destNpi: 'dest_npi',
    messageIdBase: 'message_id_base',
    rerouteCodes: 'reroute_codes',
    blocked: 'blocked',
    dailyLimit: 'daily_limit',
    enabled: 'enabled',
  };
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map)) {
    const value = v[key as keyof VendorInput];
    if (value !== undefined) out[column] = Array.isArray(value) ? [...value] : value;
  }
  return out as Partial<Insertable<VendorsTable>>;
};

export const VENDOR_NAME_KEY = 'vendors_name_key';

/** Vendor records (SQL only). */
export class VendorStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): VendorStore {
    return new VendorStore(trx);
  }

  async list(): Promise<Vendor[]> {
    return (await this.db.selectFrom('vendors').selectAll().orderBy('name').execute()).map(toVendor);
  }

  /** The vendors the dispatcher binds to: enabled ones (blocked ones too: they stay bound, sending nothing). */
  async listForDispatch(): Promise<Vendor[]> {
    return (await this.db.selectFrom('vendors').selectAll().where('enabled', '=', true).orderBy('id').execute()).map(toVendor);
  }

  async findById(id: number): Promise<Vendor | undefined> {
    const r = await this.db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toVendor(r);
  }

  async findByName(name: string): Promise<Vendor | undefined> {
    const r = await this.db
      .selectFrom('vendors')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    return r && toVendor(r);
  }

  async insert(v: Pick<VendorInput, 'name' | 'host' | 'port' | 'systemId' | 'password'> & Partial<VendorInput>): Promise<Vendor> {
    const r = await this.db
      .insertInto('vendors')
      .values(columns(v) as Insertable<VendorsTable>)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toVendor(r);
  }

  async update(id: number, patch: Partial<VendorInput>): Promise<Vendor | undefined> {
    const set = columns(patch);
    if (Object.keys(set).length === 0) return this.findById(id);
    const r = await this.db.updateTable('vendors').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return r && toVendor(r);
  }

  /** Whether messages wait to be sent through this vendor (messages keep no foreign key to vendors). */
  async hasWaitingMessages(id: number): Promise<boolean> {
    const { rows } = await sql<{ waiting: boolean }>`SELECT EXISTS (SELECT 1 FROM messages WHERE vendor_id = ${id} AND state IN ('queued', 'scheduled')) AS waiting`.execute(this.db);
    return rows[0]?.waiting === true;
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('vendors').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
