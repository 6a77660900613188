import { describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S, inboundStatus, maySend, type CommandName, type Role, type SessionState } from '../src/index.ts';

const cases: [Role, SessionState, CommandName, number][] = [
  ['smsc', 'bound_tx', 'submit_sm', S.ESME_ROK],
  ['smsc', 'bound_trx', 'submit_sm', S.ESME_ROK],
  ['smsc', 'bound_rx', 'submit_sm', S.ESME_RINVBNDSTS],
  ['smsc', 'open', 'submit_sm', S.ESME_RINVBNDSTS],
  ['smsc', 'open', 'bind_transmitter', S.ESME_ROK],
  ['smsc', 'bound_tx', 'bind_transceiver', S.ESME_RALYBND],
  ['smsc', 'bound_rx', 'data_sm', S.ESME_ROK], // table 2-1 lists data_sm in every bound state, both ways
  ['smsc', 'bound_tx', 'data_sm', S.ESME_ROK],
  ['smsc', 'bound_tx', 'submit_multi', S.ESME_ROK],
  ['smsc', 'bound_rx', 'query_sm', S.ESME_RINVBNDSTS],
  ['smsc', 'bound_rx', 'enquire_link', S.ESME_ROK],
  ['smsc', 'open', 'enquire_link', S.ESME_ROK],
  ['smsc', 'bound_rx', 'unbind', S.ESME_ROK],
  ['smsc', 'open', 'unbind', S.ESME_RINVBNDSTS],
  ['smsc', 'bound_trx', 'deliver_sm', S.ESME_RINVBNDSTS],
  ['esme', 'bound_rx', 'deliver_sm', S.ESME_ROK],
  ['esme', 'bound_trx', 'deliver_sm', S.ESME_ROK],
  ['esme', 'bound_tx', 'deliver_sm', S.ESME_RINVBNDSTS],
  ['esme', 'bound_rx', 'alert_notification', S.ESME_ROK],
  ['esme', 'bound_tx', 'data_sm', S.ESME_ROK],
  ['esme', 'open', 'outbind', S.ESME_ROK],
  ['esme', 'bound_trx', 'submit_sm', S.ESME_RINVBNDSTS],
  ['esme', 'open', 'bind_receiver', S.ESME_RINVBNDSTS],
  // Draining toward its own unbind, an ESME asks the SMSC to deliver again later rather than refusing.
  ['esme', 'unbinding', 'deliver_sm', S.ESME_RX_T_APPN],
  ['esme', 'unbinding', 'data_sm', S.ESME_RX_T_APPN],
  ['esme', 'unbinding', 'alert_notification', S.ESME_RINVBNDSTS],
  // Draining toward its own unbind, an SMSC asks the ESME to send again rather than refusing for good.
  ['smsc', 'unbinding', 'submit_sm', S.ESME_RSYSERR],
  ['smsc', 'unbinding', 'submit_multi', S.ESME_RSYSERR],
  ['smsc', 'unbinding', 'data_sm', S.ESME_RSYSERR],
  ['smsc', 'unbinding', 'query_sm', S.ESME_RINVBNDSTS],
  ['smsc', 'unbinding', 'deliver_sm', S.ESME_RINVBNDSTS],
  ['esme', 'unbinding', 'unbind', S.ESME_ROK],
];

describe('bind state rules (SMPP 3.4 §2.3)', () => {
  for (const [receiver, state, command, status] of cases) {
    it(`${command} arriving at the ${receiver} in ${state} gets status 0x${status.toString(16)}`, () => {
      expect(inboundStatus(receiver, state, command)).toBe(status);
    });
  }

  it('a receiver ESME may not send submit_sm, a transmitter may', () => {
    expect(maySend('esme', 'bound_rx', 'submit_sm')).toBe(false);
    expect(maySend('esme', 'bound_tx', 'submit_sm')).toBe(true);
    expect(maySend('smsc', 'bound_tx', 'deliver_sm')).toBe(false);
  });

  it('nothing may be sent once closed', () => {
    expect(maySend('esme', 'closed', 'enquire_link')).toBe(false);
  });
});
