import { afterEach, describe, expect, it } from 'vitest';
import { buildPdu, COMMAND_STATUS as S, encodePdu, SmppCommandError, type BindPdu } from '../src/index.ts';
import { Harness, until } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('binding', () => {
  it('binds a transmitter, submits, and both sides see the same fields', async () => {
    let bind: BindPdu | undefined;
    const { server, port } = await h.server({
      onBind: (session, pdu) => {
        bind = pdu;
        session.on('submit_sm', (req) => session.respond(req, { messageId: `id-${req.destinationAddr}` }));
        return S.ESME_ROK;
      },
    });
    const client = await h.client(port, { bindType: 'transmitter', systemId: 'acme', password: 'pw1', systemType: 'OTA' });
    expect(client.state).toBe('bound_tx');
    expect(client.peerSystemId).toBe('TESTSMSC');
    expect(bind).toMatchObject({ command: 'bind_transmitter', systemId: 'acme', password: 'pw1', systemType: 'OTA', interfaceVersion: 0x34 });
    const resp = await client.submitSm({ destinationAddr: '447700900123', shortMessage: Buffer.from('hi') });
    expect(resp).toMatchObject({ command: 'submit_sm_resp', commandStatus: 0, messageId: 'id-447700900123' });
    const [serverSession] = [...server.sessions];
    expect(serverSession?.state).toBe('bound_tx');
    expect(serverSession?.peerSystemId).toBe('acme');
  });

  it('rejects connect with the status onBind returned and closes the socket', async () => {
    const { server, port } = await h.server({ onBind: () => S.ESME_RINVPASWD });
    const error = await h.client(port).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmppCommandError);
    expect((error as SmppCommandError).commandStatus).toBe(S.ESME_RINVPASWD);
    await until(() => server.sessions.size === 0);
  });

  it('refuses with ESME_RBINDFAIL when onBind throws', async () => {
    const { port } = await h.server({
      onBind: async () => {
        throw new Error('database down');
      },
    });
    const error = (await h.client(port).catch((e: unknown) => e)) as SmppCommandError;
    expect(error.commandStatus).toBe(S.ESME_RBINDFAIL);
  });

  it('answers submit_sm from a receiver with ESME_RINVBNDSTS', async () => {
    const { port } = await h.server();
    const peer = await h.raw(port);
    peer.send(encodePdu(buildPdu('bind_receiver', 1, { systemId: 'rx', password: 'pw' })));
    expect(await peer.next()).toMatchObject({ command: 'bind_receiver_resp', commandStatus: 0 });
    peer.send(encodePdu(buildPdu('submit_sm', 2, { destinationAddr: '1' })));
    expect(await peer.next()).toMatchObject({ command: 'submit_sm_resp', sequenceNumber: 2, commandStatus: S.ESME_RINVBNDSTS });
  });

  it('refuses locally to submit from a receiver client', async () => {
    const { port } = await h.server();
    const client = await h.client(port, { bindType: 'receiver' });
    const error = (await client.submitSm({ destinationAddr: '1' }).catch((e: unknown) => e)) as SmppCommandError;
    expect(error).toBeInstanceOf(SmppCommandError);
    expect(error.commandStatus).toBe(S.ESME_RINVBNDSTS);
  });

  it('answers submit_sm before any bind with ESME_RINVBNDSTS, and a second bind with ESME_RALYBND', async () => {
    const { port } = await h.server();
    const peer = await h.raw(port);
    peer.send(encodePdu(buildPdu('submit_sm', 1, {})));
    expect(await peer.next()).toMatchObject({ command: 'submit_sm_resp', commandStatus: S.ESME_RINVBNDSTS });
    peer.send(encodePdu(buildPdu('bind_transmitter', 2, {})));
    expect(await peer.next()).toMatchObject({ command: 'bind_transmitter_resp', commandStatus: 0 });
    peer.send(encodePdu(buildPdu('bind_transmitter', 3, {})));
    expect(await peer.next()).toMatchObject({ command: 'bind_transmitter_resp', sequenceNumber: 3, commandStatus: S.ESME_RALYBND });
  });

  it('closes a connection that never binds within bindTimeoutMs', async () => {
    const { port } = await h.server({ bindTimeoutMs: 100 });
    const peer = await h.raw(port);
    const started = Date.now();
    await peer.whenClosed;
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('delivers a server-initiated deliver_sm to a transceiver and carries its response back', async () => {
    const { server, port } = await h.server();
    const client = await h.client(port);
    client.on('deliver_sm', (req) => client.respond(req, {}));
    await until(() => [...server.sessions][0]?.state === 'bound_trx');
    const serverSession = [...server.sessions][0]!;
    const resp = await serverSession.deliverSm({ sourceAddr: '447700900123', esmClass: 4, tlvs: { receiptedMessageId: 'm1', messageState: 2 } });
    expect(resp.command).toBe('deliver_sm_resp');
  });

  it('holds PDUs that arrive with bind_resp until the caller of connect has attached its listeners', async () => {
    const port = await h.netServer((peer) => {
      void peer.next().then((bind) =>
        peer.socket.write(
          Buffer.concat([
            encodePdu(buildPdu('bind_transceiver_resp', bind.sequenceNumber, { systemId: 'eager' })),
            encodePdu(buildPdu('deliver_sm', 1, { sourceAddr: '447700900123' })),
          ]),
        ),
      );
    });
    const client = await h.client(port);
    const got = new Promise((resolve) => client.on('deliver_sm', (req) => resolve(client.respond(req, {}))));
    await expect(got).resolves.toBe(true);
  });

  it('sets TCP_NODELAY on both ends', async () => {
    const { server, port } = await h.server();
    const client = await h.client(port);
    // Node has no public getter for it; net.Socket records setNoDelay under the kSetNoDelay symbol.
    const serverSession = [...server.sessions][0]!;
    for (const socket of [client.socket, serverSession.socket]) {
      const symbols = Object.getOwnPropertySymbols(socket);
      const flag = symbols.find((s) => s.description === 'kSetNoDelay');
      expect(flag && (socket as unknown as Record<symbol, unknown>)[flag]).toBe(true);
    }
  });
});
