import { afterEach, describe, expect, it } from 'vitest';
import { buildPdu, COMMAND_STATUS as S, encodePdu } from '../src/index.ts';
import { Harness } from './helpers.ts';
import { c, pdu, u32, u8 } from './naive-builder.ts';

const h = new Harness();
afterEach(() => h.cleanup());

async function boundPeer(options: Parameters<Harness['server']>[0] = {}) {
  const { server, port } = await h.server(options);
  const peer = await h.raw(port);
  peer.send(encodePdu(buildPdu('bind_transceiver', 1, { systemId: 'raw', password: 'pw' })));
  await peer.next();
  return { server, peer };
}

describe('garbage from the peer', () => {
  it('a command_length below 16 gets generic_nack ESME_RINVCMDLEN, then the connection closes', async () => {
    const { peer } = await boundPeer();
    peer.send(Buffer.concat([u32(8), u32(0x15), u32(0), u32(77)]));
    expect(await peer.next()).toMatchObject({ command: 'generic_nack', commandStatus: S.ESME_RINVCMDLEN, sequenceNumber: 77 });
    await peer.whenClosed;
  });

  it('a PDU over maxPduLength gets generic_nack ESME_RINVCMDLEN, then the connection closes', async () => {
    const { peer } = await boundPeer({ maxPduLength: 512 });
    peer.send(Buffer.concat([u32(100_000), u32(0x04), u32(0), u32(5)]));
    expect(await peer.next()).toMatchObject({ command: 'generic_nack', commandStatus: S.ESME_RINVCMDLEN, sequenceNumber: 5 });
    await peer.whenClosed;
  });

  it('an unknown command_id gets generic_nack ESME_RINVCMDID and the session stays usable', async () => {
    const { peer } = await boundPeer();
    peer.send(pdu(0x00000077, 0, 9));
    expect(await peer.next()).toMatchObject({ command: 'generic_nack', commandStatus: S.ESME_RINVCMDID, sequenceNumber: 9 });
    peer.send(encodePdu(buildPdu('enquire_link', 10)));
    expect(await peer.next()).toMatchObject({ command: 'enquire_link_resp', sequenceNumber: 10 });
  });

  it('a submit_sm with an over-long source_addr gets submit_sm_resp ESME_RINVSRCADR', async () => {
    const { peer } = await boundPeer();
    peer.send(pdu(0x04, 0, 11, c(''), u8(0), u8(0), c('1'.repeat(30)), u8(0), u8(0), c('d')));
    expect(await peer.next()).toMatchObject({ command: 'submit_sm_resp', commandStatus: S.ESME_RINVSRCADR, sequenceNumber: 11 });
  });

  it('a submit_sm nobody listens for gets ESME_RINVCMDID', async () => {
    const { peer } = await boundPeer();
    peer.send(encodePdu(buildPdu('submit_sm', 12, {})));
    expect(await peer.next()).toMatchObject({ command: 'submit_sm_resp', commandStatus: S.ESME_RINVCMDID, sequenceNumber: 12 });
  });

  it('a handler that throws, or whose promise rejects, still gets the peer an ESME_RSYSERR answer', async () => {
    let calls = 0;
    const { peer } = await boundPeer({
      onBind: (session) => {
        session.on('submit_sm', async () => {
          calls++;
          if (calls === 1) throw new Error('sync-looking async failure');
        });
        session.on('query_sm', () => {
          throw new Error('sync failure');
        });
        return S.ESME_ROK;
      },
    });
    peer.send(encodePdu(buildPdu('submit_sm', 13, {})));
    expect(await peer.next()).toMatchObject({ command: 'submit_sm_resp', commandStatus: S.ESME_RSYSERR, sequenceNumber: 13 });
    peer.send(encodePdu(buildPdu('query_sm', 14, {})));
    expect(await peer.next()).toMatchObject({ command: 'query_sm_resp', commandStatus: S.ESME_RSYSERR, sequenceNumber: 14 });
  });

  it('answers enquire_link by itself, and a response nobody asked for is ignored', async () => {
    const { peer } = await boundPeer();
    peer.send(encodePdu(buildPdu('submit_sm_resp', 999, { messageId: 'x' })), encodePdu(buildPdu('enquire_link', 15)));
    expect(await peer.next()).toMatchObject({ command: 'enquire_link_resp', sequenceNumber: 15 });
  });

  it('a bad bind_resp on the client rejects connect without crashing', async () => {
    const port = await h.netServer((peer) => {
      void peer.next().then((bind) => peer.send(pdu(0x80000009, 0, bind.sequenceNumber, Buffer.from('no-nul-terminator-and-far-too-long'))));
    });
    await expect(h.client(port, { requestTimeoutMs: 300 })).rejects.toThrow();
  });
});
