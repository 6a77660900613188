import { sql } from 'kysely';
import type { Db } from '../messaging/intake/intake.store.ts';
import type { BindAccess } from './rules/decide-bind.ts';

/** A client's SMPP access by system_id (case-insensitive), with the account rights a bind checks. */
export async function findBindAccess(db: Db, systemId: string): Promise<BindAccess | undefined> {
  const { rows } = await sql<{
    client_id: number;
    smpp_system_id: string;
    smpp_password_hash: string | null;
    allowed_ips: string[];
    max_binds: number;
    throughput: number | null;
    status: string;
    can_send_smpp: boolean;
  }>`
    SELECT a.client_id, a.smpp_system_id, a.smpp_password_hash, a.allowed_ips, a.max_binds, a.throughput, c.status, c.can_send_smpp
    FROM client_access a JOIN clients c ON c.id = a.client_id
    WHERE lower(a.smpp_system_id) = lower(${systemId})`.execute(db);
  const r = rows[0];
  if (!r) return undefined;
  return {
    clientId: Number(r.client_id),
    systemId: r.smpp_system_id,
    passwordHash: r.smpp_password_hash,
    allowedIps: r.allowed_ips ?? [],
    maxBinds: r.max_binds,
    throughput: r.throughput,
    blocked: r.status !== 'active',
    canSendSmpp: r.can_send_smpp,
  };
}
