import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S } from '../src/index.ts';
import { Harness } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

let dir = '';
let key: Buffer;
let cert: Buffer;

beforeAll(() => {
  // A throwaway self-signed certificate for 127.0.0.1 / localhost, made for this run only.
  dir = mkdtempSync(join(tmpdir(), 'petrel-smpp-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  key = readFileSync(join(dir, 'key.pem'));
  cert = readFileSync(join(dir, 'cert.pem'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tlsServer() {
  return h.server({
    tls: { key, cert },
    onBind: (session) => {
      session.on('submit_sm', (req) => session.respond(req, { messageId: 'tls-1' }));
      return S.ESME_ROK;
    },
  });
}

describe('TLS', () => {
  it('binds and submits over TLS when the client trusts the certificate', async () => {
    const { port } = await tlsServer();
    const client = await h.client(port, { tls: { ca: cert } });
    expect(await client.submitSm({ destinationAddr: '1' })).toMatchObject({ messageId: 'tls-1' });
  });

  it('refuses an untrusted certificate by default', async () => {
    const { port } = await tlsServer();
    await expect(h.client(port, { tls: true })).rejects.toThrow(/self[- ]signed/i);
  });

  it('connects to an untrusted certificate when verification is turned off', async () => {
    const { port } = await tlsServer();
    const client = await h.client(port, { tls: { rejectUnauthorized: false } });
    expect(client.state).toBe('bound_trx');
  });
});
