import { absoluteSmppTime, type BindPdu, COMMAND_STATUS, createServer, type PduOf, type Session, type SmppServer } from '@petrel/smpp';
import type { CancelTarget, ClientQueries } from '../messaging/client-queries.store.ts';
import type { Intake } from '../messaging/intake/intake-request.ts';
import { STATE_TABLE } from '../messaging/rules/message-states.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../messaging/intake/intake.store.ts';
import { BindAccessLookup } from './bind-access.store.ts';
import type { BindCounts } from './bind-counts.store.ts';
import type { ClientBinds } from './client-binds.ts';
import { type BindAccess, decideBind } from './rules/decide-bind.ts';
import { TokenBucket } from '../platform/token-bucket.ts';
import { commandStatusOf, type Converted, intakeRequestOf, intakeRequestOfDataSm } from './submit-to-intake.ts';
import { PasswordChecks } from '../accounts/password-checks.ts';

export interface ClientSmppServerDeps {
  readonly db: Db;
  readonly intake: Intake;
  readonly binds: ClientBinds;
  /** Max binds over every node (node_binds). */
  readonly bindCounts: BindCounts;
  readonly log: (line: string) => void;
  readonly clock: Clock;
  /** query_sm and cancel_sm of the client's own messages. */
  readonly queries: ClientQueries;
  /** Called with the clients owed reports after a cancel_sm committed. */
  readonly onReports: (clientIds: readonly number[]) => void;
  /** Tests shorten these. */
  readonly enquireLinkIntervalMs?: number;
  readonly windowSize?: number;
}

export class SmppListenError extends Error {}

/**
 * Petrel's SMPP server for clients: binds are checked against the client's SMPP access
 * (system_id, argon2 password, IP ranges, rights, max binds); every submit goes through intake
 * and is answered only after its message is committed, with Petrel's message id.
 */
export class ClientSmppServer {
  readonly server: SmppServer;
  private readonly passwords = new PasswordChecks();
  private readonly access: BindAccessLookup;
  private readonly buckets = new Map<number, { bucket: TokenBucket; perSecond: number }>();

  constructor(private readonly deps: ClientSmppServerDeps) {
    this.access = new BindAccessLookup(deps.db);
    this.server = createServer({
      systemId: 'Petrel',
      onBind: (session, bind) => this.onBind(session, bind),
      windowSize: deps.windowSize ?? 100,
      enquireLinkIntervalMs: deps.enquireLinkIntervalMs ?? 60_000,
      inboundHighWaterMark: 5_000,
      inboundLowWaterMark: 2_500,
    });
  }

  async listen(port: number, host: string): Promise<string> {
    try {
      const address = await this.server.listen(port, host);
      return `${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new SmppListenError(`SMPP port ${port} on ${host} is already in use; set PETREL_SMPP_PORT to another port`);
      if (code === 'EADDRNOTAVAIL') throw new SmppListenError(`cannot listen on ${host}: no such local address (PETREL_HOST)`);
      throw err;
    }
  }

  get port(): number {
    return this.server.address().port;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async onBind(session: Session, bind: BindPdu): Promise<number> {
    const access = await this.access.find(bind.systemId);
    const passwordOk = access ? await this.passwords.verify(access.passwordHash, bind.password) : false;
    const ip = session.socket.remoteAddress ?? '';
    const verdict = decideBind({ access, passwordOk, ip, liveBinds: access ? this.deps.binds.count(access.clientId) : 0 });
    if (verdict.status !== 'ESME_ROK' || !access) {
      this.deps.log(`SMPP bind of "${bind.systemId}" from ${ip} refused (${verdict.status}): ${verdict.reason}`);
      return COMMAND_STATUS[verdict.status];
    }
    // The client's binds on the other nodes count too.
    if (!(await this.deps.bindCounts.reserve(access.clientId, access.maxBinds))) {
      this.deps.log(`SMPP bind of "${bind.systemId}" from ${ip} refused (ESME_RBINDFAIL): max binds (${access.maxBinds}) reached over all nodes`);
      return COMMAND_STATUS.ESME_RBINDFAIL;
    }
    if (session.state === 'closed') {
      this.deps.bindCounts.release(access.clientId);
      return COMMAND_STATUS.ESME_RBINDFAIL;
    }
    session.once('close', () => this.deps.bindCounts.release(access.clientId));
    this.attach(session, access, bind.command !== 'bind_transmitter');
    return COMMAND_STATUS.ESME_ROK;
  }

  private attach(session: Session, access: BindAccess, receives: boolean): void {
    const clientId = access.clientId;
    const bucket = this.bucketOf(access);
    const submit = (converted: Converted, respond: (status: number, messageId: string) => void): void => {
      if (bucket && bucket.take(Date.now()) > 0) return respond(COMMAND_STATUS.ESME_RTHROTTLED, '');
      if (!converted.ok) return respond(converted.status, '');
      this.deps.intake.submit(converted.request).then(
        (result) => respond(commandStatusOf(result), result.ok ? result.messageId : ''),
        () => respond(COMMAND_STATUS.ESME_RSYSERR, ''),
      );
    };
    session.on('submit_sm', (pdu) => submit(intakeRequestOf(clientId, pdu, this.deps.clock.now()), (commandStatus, messageId) => session.respond(pdu, { commandStatus, messageId })));
    session.on('data_sm', (pdu) => submit(intakeRequestOfDataSm(clientId, pdu, this.deps.clock.now()), (commandStatus, messageId) => session.respond(pdu, { commandStatus, messageId })));
    session.on('submit_multi', (pdu) => void this.submitMulti(session, clientId, pdu, bucket));
    session.on('query_sm', (pdu) => void this.query(session, clientId, pdu));
    session.on('cancel_sm', (pdu) => void this.cancel(session, clientId, pdu));
    session.on('error', () => undefined);
    this.deps.binds.add({ clientId, session, receives });
  }

  /** query_sm: the state of one of the client's messages (ESME_RQUERYFAIL when it has no such message). */
  private async query(session: Session, clientId: number, pdu: PduOf<'query_sm'>): Promise<void> {
    const id = messageIdOf(pdu.messageId);
    if (id === undefined) {
      session.respond(pdu, { commandStatus: COMMAND_STATUS.ESME_RINVMSGID, messageId: pdu.messageId });
      return;
    }
    try {
      const m = await this.deps.queries.query(clientId, id);
      if (!m) {
        session.respond(pdu, { commandStatus: COMMAND_STATUS.ESME_RQUERYFAIL, messageId: pdu.messageId });
        return;
      }
      session.respond(pdu, {
        messageId: pdu.messageId,
        messageState: STATE_TABLE[m.state].messageState,
        finalDate: STATE_TABLE[m.state].final && m.doneAt ? absoluteSmppTime(m.doneAt) : '',
        errorCode: Math.min(255, Math.max(0, m.errorCode ?? 0)),
      });
    } catch {
      session.respond(pdu, { commandStatus: COMMAND_STATUS.ESME_RSYSERR, messageId: pdu.messageId });
    }
  }

  /**
   * cancel_sm: by message_id, or with an empty message_id every waiting message from source_addr to
   * destination_addr (international digits; service_type is not stored, so not matched). Waiting
   * messages are deleted and refunded; none left to cancel: ESME_RCANCELFAIL.
   */
  private async cancel(session: Session, clientId: number, pdu: PduOf<'cancel_sm'>): Promise<void> {
    const target = cancelTargetOf(pdu);
    if (target === undefined) {
      session.respond(pdu, { commandStatus: COMMAND_STATUS.ESME_RINVMSGID });
      return;
    }
    try {
      const { outcome, reportedClients } = await this.deps.queries.cancel(clientId, target, this.deps.clock.now());
      if (reportedClients.length > 0) this.deps.onReports(reportedClients);
      session.respond(pdu, { commandStatus: outcome === 'cancelled' ? COMMAND_STATUS.ESME_ROK : COMMAND_STATUS.ESME_RCANCELFAIL });
    } catch {
      session.respond(pdu, { commandStatus: COMMAND_STATUS.ESME_RSYSERR });
    }
  }

  /** One message per destination; the response carries the first accepted id and the destinations refused, each with its own status. */
  private async submitMulti(session: Session, clientId: number, pdu: PduOf<'submit_multi'>, bucket: TokenBucket | undefined): Promise<void> {
    const unsuccessSmes: { destAddrTon: number; destAddrNpi: number; destinationAddr: string; errorStatusCode: number }[] = [];
    const submits = pdu.destAddresses.map(async (dest) => {
      if (dest.kind !== 'sme') {
        unsuccessSmes.push({ destAddrTon: 0, destAddrNpi: 0, destinationAddr: dest.dlName, errorStatusCode: COMMAND_STATUS.ESME_RINVDLNAME });
        return undefined;
      }
      if (bucket && bucket.take(Date.now()) > 0) {
        unsuccessSmes.push({ ...addr(dest), errorStatusCode: COMMAND_STATUS.ESME_RTHROTTLED });
        return undefined;
      }
      const converted = intakeRequestOf(clientId, { ...pdu, command: 'submit_sm', ...addr(dest) }, this.deps.clock.now());
      if (!converted.ok) {
        unsuccessSmes.push({ ...addr(dest), errorStatusCode: converted.status });
        return undefined;
      }
      const result = await this.deps.intake.submit(converted.request);
      if (result.ok) return result.messageId;
      unsuccessSmes.push({ ...addr(dest), errorStatusCode: commandStatusOf(result) });
      return undefined;
    });
    const ids = (await Promise.all(submits)).filter((id): id is string => id !== undefined);
    session.respond(pdu, { commandStatus: ids.length > 0 ? 0 : (unsuccessSmes[0]?.errorStatusCode ?? COMMAND_STATUS.ESME_RSUBMITFAIL), messageId: ids[0] ?? '', unsuccessSmes });
  }

  /**
   * One bucket per client, shared by its binds; rebuilt when the limit changes at a new bind. Its
   * rate is this node's share of the limit (by the client's binds here and on the other nodes).
   */
  private bucketOf(access: BindAccess): TokenBucket | undefined {
    const limit = access.throughput;
    if (limit === null) {
      this.buckets.delete(access.clientId);
      return undefined;
    }
    const held = this.buckets.get(access.clientId);
    if (held && held.perSecond === limit) return held.bucket;
    const bucket = new TokenBucket(() => limit * this.deps.bindCounts.share(access.clientId), Date.now());
    this.buckets.set(access.clientId, { bucket, perSecond: limit });
    return bucket;
  }
}

function addr(dest: { destAddrTon: number; destAddrNpi: number; destinationAddr: string }) {
  return { destAddrTon: dest.destAddrTon, destAddrNpi: dest.destAddrNpi, destinationAddr: dest.destinationAddr };
}

/** Petrel's message ids are decimal; anything else names no message (ESME_RINVMSGID). */
function messageIdOf(text: string): number | undefined {
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/** What a cancel_sm names: its message_id, or with none its source and destination (undefined when neither is usable). */
function cancelTargetOf(pdu: PduOf<'cancel_sm'>): CancelTarget | undefined {
  if (pdu.messageId !== '') {
    const messageId = messageIdOf(pdu.messageId);
    return messageId === undefined ? undefined : { messageId };
  }
  const destination = pdu.destinationAddr.replace(/^\+/, '');
  return pdu.sourceAddr !== '' && /^\d{1,15}$/.test(destination) ? { source: pdu.sourceAddr, destination } : undefined;
}
