import type { CommandName } from '../codec/command-ids.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import type { BindCommand } from '../codec/pdu.ts';

/** The side of the link: an ESME (our client) or a message centre, MC/SMSC (our server). */
export type Role = 'esme' | 'smsc';

export type SessionState = 'open' | 'bound_tx' | 'bound_rx' | 'bound_trx' | 'unbinding' | 'closed';

export type BindType = 'transmitter' | 'receiver' | 'transceiver';

export const BOUND_STATE: Readonly<Record<BindType, SessionState>> = {
  transmitter: 'bound_tx',
  receiver: 'bound_rx',
  transceiver: 'bound_trx',
};

export const BIND_TYPE: Readonly<Record<BindCommand, BindType>> = {
  bind_transmitter: 'transmitter',
  bind_receiver: 'receiver',
  bind_transceiver: 'transceiver',
};

export const BIND_COMMAND: Readonly<Record<BindType, BindCommand>> = {
  transmitter: 'bind_transmitter',
  receiver: 'bind_receiver',
  transceiver: 'bind_transceiver',
};

const LINK = ['enquire_link', 'unbind', 'generic_nack'] as const;
const ESME_TX = ['submit_sm', 'submit_multi', 'data_sm', 'query_sm', 'cancel_sm', 'replace_sm'] as const;
const SMSC_RX = ['deliver_sm', 'data_sm', 'alert_notification'] as const;

/**
 * Requests each side may send in each state (SMPP 3.4 §2.3, table 2-1). data_sm flows both ways in
 * every bound state; responses are always allowed and are matched by sequence number instead.
 */
const MAY_SEND: Readonly<Record<Role, Readonly<Record<SessionState, ReadonlySet<CommandName>>>>> = {
  esme: {
    open: new Set(['bind_transmitter', 'bind_receiver', 'bind_transceiver', 'enquire_link', 'generic_nack']),
    bound_tx: new Set([...ESME_TX, ...LINK]),
    bound_rx: new Set(['data_sm', ...LINK]),
    bound_trx: new Set([...ESME_TX, ...LINK]),
    unbinding: new Set(['unbind', 'enquire_link', 'generic_nack']),
    closed: new Set(),
  },
  smsc: {
    open: new Set(['outbind', 'enquire_link', 'generic_nack']),
    bound_tx: new Set(['data_sm', ...LINK]),
    bound_rx: new Set([...SMSC_RX, ...LINK]),
    bound_trx: new Set([...SMSC_RX, ...LINK]),
    unbinding: new Set(['unbind', 'enquire_link', 'generic_nack']),
    closed: new Set(),
  },
};

const BINDS: ReadonlySet<CommandName> = new Set(['bind_transmitter', 'bind_receiver', 'bind_transceiver']);

/** Messages an ESME hands to a draining SMSC: answered "send again" (inboundStatus). */
const DRAINED_SUBMITS: ReadonlySet<CommandName> = new Set(['submit_sm', 'submit_multi', 'data_sm']);

/** Whether `sender` may send request `command` while the session is in `state`. */
export function maySend(sender: Role, state: SessionState, command: CommandName): boolean {
  return MAY_SEND[sender][state].has(command);
}

/**
 * The command_status for a request that arrives at `receiver` in `state`: ESME_ROK when allowed,
 * ESME_RALYBND for a bind on a bound session, ESME_RINVBNDSTS otherwise (e.g. submit_sm from a
 * receiver). A side draining toward its own unbind still looks bound to its peer, which may send
 * until the unbind reaches it; those requests get a temporary status, so the peer keeps them and
 * sends them again (after a new bind) instead of taking them as refused for good:
 * - at an ESME, a deliver_sm or data_sm gets ESME_RX_T_APPN ("not now": the SMSC keeps the
 *   receipt or MO and delivers it again later);
 * - at an SMSC, a submit_sm, submit_multi or data_sm gets ESME_RSYSERR, which clients (Kannel
 *   among them) treat as temporary and send again, where ESME_RINVBNDSTS would count as a final
 *   refusal of the message.
 */
export function inboundStatus(receiver: Role, state: SessionState, command: CommandName): number {
  const sender: Role = receiver === 'esme' ? 'smsc' : 'esme';
  if (maySend(sender, state, command)) return S.ESME_ROK;
  if (state === 'unbinding') {
    if (receiver === 'esme' && (command === 'deliver_sm' || command === 'data_sm')) return S.ESME_RX_T_APPN;
    if (receiver === 'smsc' && DRAINED_SUBMITS.has(command)) return S.ESME_RSYSERR;
  }
  if (BINDS.has(command) && state !== 'open') return S.ESME_RALYBND;
  return S.ESME_RINVBNDSTS;
}

export function isBound(state: SessionState): boolean {
  return state === 'bound_tx' || state === 'bound_rx' || state === 'bound_trx';
}
