import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { MessageIdBase } from './rules/vendor-message-id.ts';
import type { DefaultCoding } from './rules/vendor-payload.ts';

/** A vendor as the dispatcher uses it: its SMPP connection, limits and behaviour. */
export interface VendorConfig {
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
  readonly defaultCoding: DefaultCoding;
  readonly sourceTon: number | null;
  readonly sourceNpi: number | null;
  readonly destTon: number;
  readonly destNpi: number;
  readonly messageIdBase: MessageIdBase;
  readonly rerouteCodes: readonly number[];
  readonly blocked: boolean;
  readonly dailyLimit: number | null;
}

interface VendorRow {
  id: number;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  system_id: string;
  password: string;
  system_type: string;
  bind_type: 'transceiver' | 'transmitter';
  sessions: number;
  tps: number;
  window_size: number;
  enquire_link_seconds: number;
  reconnect_delay_seconds: number;
  default_coding: DefaultCoding;
  source_ton: number | null;
  source_npi: number | null;
  dest_ton: number;
  dest_npi: number;
  message_id_base: MessageIdBase;
  reroute_codes: number[] | null;
  blocked: boolean;
  daily_limit: number | null;
}

/** The enabled vendors. */
export async function loadEnabledVendors(db: Kysely<Database>): Promise<VendorConfig[]> {
  const { rows } = await sql<VendorRow>`
    SELECT id, name, host, port, tls, system_id, password, system_type, bind_type, sessions, tps, window_size, enquire_link_seconds,
           reconnect_delay_seconds, default_coding, source_ton, source_npi, dest_ton, dest_npi, message_id_base, reroute_codes, blocked, daily_limit
    FROM vendors WHERE enabled ORDER BY id`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
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
    rerouteCodes: r.reroute_codes ?? [],
    blocked: r.blocked,
    dailyLimit: r.daily_limit,
  }));
}

/** Whether a change needs the binds made again (anything the connection itself depends on). */
export function connectionChanged(a: VendorConfig, b: VendorConfig): boolean {
  return (
    a.host !== b.host ||
    a.port !== b.port ||
    a.tls !== b.tls ||
    a.systemId !== b.systemId ||
    a.password !== b.password ||
    a.systemType !== b.systemType ||
    a.bindType !== b.bindType ||
    a.sessions !== b.sessions ||
    a.windowSize !== b.windowSize ||
    a.enquireLinkSeconds !== b.enquireLinkSeconds
  );
}

/**
 * Messages this vendor sent since `since` (the start of the day its daily limit counts), read once
 * when a dispatcher starts; the dispatcher counts on from there.
 */
export async function countSentSince(db: Kysely<Database>, vendorId: number, since: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE vendor_id = ${vendorId} AND sent_at >= ${since}`.execute(db);
  return rows[0]?.n ?? 0;
}
