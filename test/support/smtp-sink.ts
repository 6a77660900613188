import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the sink accepted, parsed. */
export interface SunkMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it is sent (smtp-server, no TLS, no auth), and
 * refuses the first `refuseFirst` mails with a temporary error (451); `delayMs`: a slow server,
 * answering each mail that long after it came.
 */
export async function startSmtpSink(o: { refuseFirst?: number; delayMs?: number } = {}): Promise<{ url: string; received: SunkMail[]; refused: number; close(): Promise<void> }> {
  const received: SunkMail[] = [];
  const state = { refused: 0 };
  let refusals = o.refuseFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (o.delayMs) await new Promise((resolve) => setTimeout(resolve, o.delayMs));
          if (refusals > 0) {
            refusals--;
            state.refused++;
            return callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? '', text: parsed.text ?? '', parsed });
          return callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
