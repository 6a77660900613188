import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReceipt } from '@petrel/smpp';
import { npmBind, npmClose, npmSubmit, type NpmPdu, type NpmSession } from './npm-smpp.ts';
import { waitFor } from './wait-for.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcessWithoutNullStreams | undefined;
let client: NpmSession | undefined;

afterEach(async () => {
  if (client) await npmClose(client);
  if (child && child.exitCode === null) child.kill('SIGKILL');
  client = undefined;
  child = undefined;
});

function startCli(args: string[]): { process: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['bin/petrel.js', 'simulator', ...args], { cwd: root });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { process: proc, output: () => output, exited };
}

describe('petrel simulator', () => {
  it('prints its listener, serves an independent client a matched receipt for every submit, prints counters and exits 0 on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--delay-ms', '10-100', '--stats-every', '0.3']);
    child = cli.process;
    await waitFor(() => /listening on smpp:\/\/127\.0\.0\.1:\d+/.test(cli.output()), 20_000, 'the listener line');
    const port = Number(/listening on smpp:\/\/127\.0\.0\.1:(\d+)/.exec(cli.output())?.[1]);

    client = await npmBind(port, 'whoever', 'whatever');
    const receipts: NpmPdu[] = [];
    client.on('deliver_sm', (pdu) => {
      receipts.push(pdu);
      client?.send(pdu.response());
    });
    const N = 50;
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) => npmSubmit(client as NpmSession, { destination_addr: `3361234${String(i).padStart(4, '0')}`, short_message: `cli ${i}`, registered_delivery: 1 })),
    );
    await waitFor(() => receipts.length >= N, 10_000, `${N} receipts`);
    const sent = new Set(responses.map((r) => r.message_id));
    expect(sent.size).toBe(N);
    for (const pdu of receipts) {
      expect(sent.has(pdu.receipted_message_id)).toBe(true);
      expect(parseReceipt(String(pdu.short_message?.message))?.id).toBe(pdu.receipted_message_id);
    }
    expect(new Set(receipts.map((r) => r.receipted_message_id))).toEqual(sent);

    await waitFor(() => cli.output().includes(`submits=${N} accepted=${N}`), 5_000, 'a counters line');
    await npmClose(client);
    client = undefined;
    cli.process.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/SIGTERM: simulator: binds=1 .*submits=50 accepted=50/);
  }, 40_000);

  it('exits 1 with a one-line reason for a bad flag', async () => {
    const cli = startCli(['--port', '0', '--reject-share', '1.5']);
    child = cli.process;
    expect(await cli.exited).toBe(1);
    expect(cli.output().trim()).toBe('petrel: --reject-share must be a share from 0 to 1 (e.g. 0.05), not "1.5"');
  }, 30_000);
});
