import smpp, { type NpmPdu, type NpmSession } from 'smpp';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S, type PduOf } from '../src/index.ts';
import { Harness, until } from './helpers.ts';

const h = new Harness();
const npmSessions: NpmSession[] = [];
const npmCleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of npmSessions.splice(0)) s.destroy();
  for (const c of npmCleanups.splice(0)) await c();
  await h.cleanup();
});

/** node-smpp's callback style as a promise. */
function call(session: NpmSession, command: string, fields: Record<string, unknown>): Promise<NpmPdu> {
  return new Promise((resolve) => (session[command] as (f: Record<string, unknown>, cb: (p: NpmPdu) => void) => void).call(session, fields, resolve));
}

describe('interoperability with the npm smpp package', () => {
  it('its client binds and submits to our server; fields match both ways', async () => {
    const received: PduOf<'submit_sm'>[] = [];
    const { server, port } = await h.server({
      onBind: (session, bind) => {
        expect(bind).toMatchObject({ command: 'bind_transceiver', systemId: 'npmclient', password: 'secret' });
        session.on('submit_sm', (req) => {
          received.push(req);
          session.respond(req, { messageId: 'ours-42' });
        });
        return S.ESME_ROK;
      },
    });
    const theirs = smpp.connect({ url: `smpp://127.0.0.1:${port}`, auto_enquire_link_period: 0 });
    theirs.on('error', () => undefined);
    npmSessions.push(theirs);
    const bindResp = await call(theirs, 'bind_transceiver', { system_id: 'npmclient', password: 'secret' });
    expect(bindResp.command_status).toBe(0);
    expect(bindResp.system_id).toBe('TESTSMSC');

    const resp = await call(theirs, 'submit_sm', {
      source_addr_ton: 5,
      source_addr: 'Petrel',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900123',
      registered_delivery: 1,
      data_coding: 0,
      short_message: Buffer.from('hello interop'),
      sar_msg_ref_num: 7,
      sar_total_segments: 2,
      sar_segment_seqnum: 1,
    });
    expect(resp.command).toBe('submit_sm_resp');
    expect(resp.message_id).toBe('ours-42');
    expect(received[0]).toMatchObject({
      sourceAddrTon: 5,
      sourceAddr: 'Petrel',
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: '447700900123',
      registeredDelivery: 1,
      tlvs: { sarMsgRefNum: 7, sarTotalSegments: 2, sarSegmentSeqnum: 1 },
    });
    expect(received[0]!.shortMessage.toString()).toBe('hello interop');

    // ...and a deliver_sm from our server reaches it.
    const delivered = new Promise<NpmPdu>((resolve) =>
      theirs.on('deliver_sm', (pdu: NpmPdu) => {
        theirs.send(pdu.response());
        resolve(pdu);
      }),
    );
    const serverSession = [...server.sessions][0]!;
    await serverSession.deliverSm({ sourceAddr: '447700900123', destinationAddr: 'Petrel', esmClass: 4, shortMessage: Buffer.from('id:ours-42 stat:DELIVRD'), tlvs: { receiptedMessageId: 'ours-42', messageState: 2 } });
    const pdu = await delivered;
    expect(pdu).toMatchObject({ source_addr: '447700900123', esm_class: 4, receipted_message_id: 'ours-42', message_state: 2 });
  });

  it('our client binds and submits to its server; fields match both ways', async () => {
    const received: NpmPdu[] = [];
    const theirServer = smpp.createServer({ debug: false }, (session) => {
      session.on('error', () => undefined);
      npmSessions.push(session);
      session.on('bind_transmitter', (pdu: NpmPdu) => {
        received.push(pdu);
        session.send(pdu.response({ system_id: 'NPMSMSC' }));
      });
      session.on('submit_sm', (pdu: NpmPdu) => {
        received.push(pdu);
        session.send(pdu.response({ message_id: 'theirs-7' }));
      });
      session.on('unbind', (pdu: NpmPdu) => {
        session.send(pdu.response());
        session.close();
      });
    });
    await new Promise<void>((resolve) => theirServer.listen(0, '127.0.0.1', resolve));
    npmCleanups.push(() => new Promise((resolve) => theirServer.close(() => resolve())));

    const client = await h.client(theirServer.address().port, { bindType: 'transmitter', systemId: 'petrel', password: 'pw', systemType: 'SMPP' });
    expect(client.peerSystemId).toBe('NPMSMSC');
    expect(received[0]).toMatchObject({ command: 'bind_transmitter', system_id: 'petrel', password: 'pw', system_type: 'SMPP', interface_version: 0x34 });

    const resp = await client.submitSm({
      serviceType: 'CMT',
      sourceAddrTon: 5,
      sourceAddr: 'Petrel',
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: '447700900999',
      registeredDelivery: 1,
      validityPeriod: '000001000000000R',
      shortMessage: Buffer.from('hello from ours'),
      tlvs: { userMessageReference: 321, sourcePort: 16000 },
    });
    expect(resp).toMatchObject({ command: 'submit_sm_resp', messageId: 'theirs-7' });
    const submit = received[1]!;
    expect(submit).toMatchObject({
      service_type: 'CMT',
      source_addr_ton: 5,
      source_addr: 'Petrel',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900999',
      registered_delivery: 1,
      user_message_reference: 321,
      source_port: 16000,
    });
    // node-smpp turns SMPP times into Dates: '000001000000000R' is one day from now.
    expect(Math.abs((submit.validity_period as Date).getTime() - (Date.now() + 86_400_000))).toBeLessThan(60_000);
    expect((submit.short_message as { message: string }).message).toBe('hello from ours');
    await client.unbind();
    await until(() => client.state === 'closed');
  });
});
