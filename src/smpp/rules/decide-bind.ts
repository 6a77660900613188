import { ipAllowed } from '../../accounts/rules/cidr.ts';

/** What a bind is checked against: the client's SMPP access and the rights on its account. */
export interface BindAccess {
  readonly clientId: number;
  readonly systemId: string;
  readonly passwordHash: string | null;
  readonly allowedIps: readonly string[];
  readonly maxBinds: number;
  /** Messages per second over all binds; null = no limit. */
  readonly throughput: number | null;
  readonly blocked: boolean;
  readonly canSendSmpp: boolean;
}

export type BindStatusName = 'ESME_ROK' | 'ESME_RINVSYSID' | 'ESME_RINVPASWD' | 'ESME_RBINDFAIL';

export interface BindVerdict {
  readonly status: BindStatusName;
  /** For the log: why a bind was refused. */
  readonly reason: string;
}

/**
 * The answer to a bind, in the order a client can fix things: who it is (system_id), its
 * password, where it connects from, whether its account may use SMPP, and how many binds it has.
 */
export function decideBind(input: { readonly access: BindAccess | undefined; readonly passwordOk: boolean; readonly ip: string; readonly liveBinds: number }): BindVerdict {
  const { access } = input;
  if (access === undefined) return { status: 'ESME_RINVSYSID', reason: 'unknown system_id' };
  if (!input.passwordOk) return { status: 'ESME_RINVPASWD', reason: 'wrong password' };
  if (!ipAllowed(access.allowedIps, input.ip)) return { status: 'ESME_RBINDFAIL', reason: `address ${input.ip} is not in the allowed IP ranges` };
  if (access.blocked) return { status: 'ESME_RBINDFAIL', reason: 'the client is blocked' };
  if (!access.canSendSmpp) return { status: 'ESME_RBINDFAIL', reason: 'Can Send via SMPP is off' };
  if (input.liveBinds >= access.maxBinds) return { status: 'ESME_RBINDFAIL', reason: `max binds (${access.maxBinds}) reached` };
  return { status: 'ESME_ROK', reason: '' };
}
