import { describe, expect, it } from 'vitest';
import { buildPdu, type CommandName, DEFAULT_BODIES, decodePdu, encodePdu } from '../src/index.ts';

describe('buildPdu', () => {
  it('takes the fields given and the defaults for the rest', () => {
    const pdu = buildPdu('submit_sm', 7, { sourceAddr: 'Shop', dataCoding: 8 });
    expect(pdu).toEqual({ ...DEFAULT_BODIES.submit_sm, sourceAddr: 'Shop', dataCoding: 8, command: 'submit_sm', commandStatus: 0, sequenceNumber: 7 });
  });

  it('keeps the header of its arguments whatever the fields hold', () => {
    const fields = { messageId: 'x', command: 'unbind', commandStatus: 9, sequenceNumber: 1 } as never;
    expect(buildPdu('submit_sm_resp', 42, fields, 0x45)).toMatchObject({ command: 'submit_sm_resp', commandStatus: 0x45, sequenceNumber: 42, messageId: 'x' });
  });

  // One shape per command whatever the caller passes: the encoder's reads stay fast (bench/smpp-codec.ts).
  it.each<[CommandName, object | undefined]>([
    ['submit_sm', { destinationAddr: '380501234567', shortMessage: Buffer.from('hi') }],
    ['deliver_sm', { esmClass: 4, sourceAddr: '380501234567' }],
    ['submit_sm_resp', { messageId: '1' }],
    ['deliver_sm_resp', undefined],
  ])('%s has the decoder’s fields in the decoder’s order', (command, fields) => {
    const built = buildPdu(command, 3, fields as never);
    const decoded = decodePdu(encodePdu(built));
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(Object.keys(built)).toEqual(Object.keys(decoded.pdu));
  });
});
