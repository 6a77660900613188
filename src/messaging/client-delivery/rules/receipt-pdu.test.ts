import { describe, expect, it } from 'vitest';
import { type PendingReport, receiptDeliverSm, statOf } from './receipt-pdu.ts';

const report = (more: Partial<PendingReport> = {}): PendingReport => ({
  id: 1, messageId: 123456, state: 'delivered', errorCode: null, source: 'MyShop', sourceTon: 5, sourceNpi: 0, destination: '380501234567',
  text: 'Your order #1 is on its way', submittedAt: new Date('2026-03-02T10:04:59Z'), doneAt: new Date('2026-03-02T10:05:30Z'), ...more,
});

describe('receipt deliver_sm', () => {
  it('carries the text of interfaces.md, esm_class 0x04 and both TLVs', () => {
    const pdu = receiptDeliverSm(report());
    expect(pdu.shortMessage.toString('latin1')).toBe('id:123456 sub:001 dlvrd:001 submit date:2603021004 done date:2603021005 stat:DELIVRD err:000 text:Your order #1 is on ');
    expect(pdu).toMatchObject({ esmClass: 0x04, sourceAddr: '380501234567', destinationAddr: 'MyShop', destAddrTon: 5, tlvs: { receiptedMessageId: '123456', messageState: 2 } });
  });

  const states: [state: string, stat: string, messageState: number][] = [
    ['delivered', 'DELIVRD', 2],
    ['undelivered', 'UNDELIV', 5],
    ['expired', 'EXPIRED', 3],
    ['rejected', 'REJECTD', 8],
    ['failed', 'UNDELIV', 5],
    ['deleted', 'DELETED', 4],
    ['unknown', 'UNKNOWN', 7],
    ['DELIVRD', 'DELIVRD', 2],
  ];
  it.each(states)('%s → stat %s, message_state %i (message-states.md)', (state, stat, messageState) => {
    expect(statOf(state)).toBe(stat);
    const pdu = receiptDeliverSm(report({ state, errorCode: 7 }));
    expect(pdu.shortMessage.toString()).toContain(`stat:${stat} err:007`);
    expect(pdu.tlvs.messageState).toBe(messageState);
  });
});
