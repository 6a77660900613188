import { Decimal } from 'decimal.js';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type Charge, chargeResult, chargeStatement } from '../../billing/billing.store.ts';
import type { Database } from '../../database.ts';
import type { SenderStatus } from '../../policy/rules/check-sender.ts';
import type { DispatchWindow } from '../../policy/rules/dispatch-window.ts';
import { StatsTally } from '../stats/stats-delta.ts';
import { appendStatsMoves } from '../stats/stats.store.ts';
import type { TextRecord } from './intake-request.ts';
import type { DayCount, MessageDraft } from './rules/decide-batch.ts';
import { isWholeText, partsByText, type TextPlace } from './rules/text-parts.ts';
import type { IntakeClient } from './rules/intake-client.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

interface ClientRow {
  id: number;
  status: string;
  can_send_smpp: boolean;
  can_send_http_api: boolean;
  can_send_rest: boolean;
  can_send_web: boolean;
  country: string | null;
  timezone: string;
  dispatch_windows: DispatchWindow[] | null;
  priority: number;
  blacklist_disabled: boolean;
  dynamic_sender: boolean;
  moderation: 'manual' | 'automatic';
  daily_limit: number | null;
  can_send_tests: boolean;
  balance: string;
  credit_limit: string | null;
  overdraw_amount: string | null;
  overdraw_until: Date | null;
  dlr_wait_days: number;
  settings_version: string;
  day: string;
  day_ends_at: Date;
  day_messages: number;
  day_tests: number;
}

export interface ReadClient {
  readonly client: IntakeClient;
  readonly today: DayCount;
  /** clients.settings_version when read (migration 0043): what a guarded store checks the settings by. */
  readonly version: number;
  /** When the client's local day (today.day) ends, in ms since the epoch. */
  readonly dayEndsAt: number;
}

/** What store() wrote besides the messages: the balances after the charges and the days' totals, for intake's memory. */
export interface StoreEffects {
  readonly balances: ReadonlyMap<number, Decimal>;
  readonly days: readonly { readonly clientId: number; readonly day: string; readonly messages: number; readonly tests: number }[];
}

/** What store() wrote: the messages' ids (in the order of the drafts). */
export interface StoredBatch extends StoreEffects {
  readonly ids: number[];
  /** Clients whose charge the database refused (something outside intake moved their money). */
  readonly unpaid: ReadonlySet<number>;
}

/**
 * The limits a statement that commits by itself checks on what it wrote (store()'s `guard`): a
 * day's count over its limit, or a charge the balance no longer covers, undoes the statement and
 * throws StaleRead, because the decision read a client before another batch moved it.
 */
export interface StoreGuard {
  /** Keyed `clientId:day`: the daily limit (null: none) and the test quota of that client's day. */
  readonly limits: ReadonlyMap<string, { readonly messages: number | null; readonly tests: number }>;
  /** The clients' settings_version the decision read: a client changed since (settings, prices, senders) undoes the statement. */
  readonly versions: ReadonlyMap<number, number>;
  /**
   * Destinations the decision did not look up on the blacklist (it decided from memory): one of
   * them on it undoes the statement. Empty when the decision read the blacklist itself.
   */
  readonly unchecked: readonly string[];
}

/** A guarded store() found that the batch's decision no longer holds; nothing of it was written. */
export class StaleRead extends Error {
  constructor(readonly what: 'funds' | 'daily counts' | 'settings' | 'blacklist') {
    super(`the batch read ${what} that moved before it was stored`);
  }
}

const GUARD_CODES: Readonly<Record<string, StaleRead['what']>> = { PT001: 'funds', PT002: 'daily counts', PT003: 'settings', PT004: 'blacklist' };

/** Drafts (by index) that go in already claimed by this node, for its dispatcher (intake/handoff.ts). */
export interface StoreClaim {
  readonly indexes: ReadonlySet<number>;
  readonly until: Date;
  readonly by: string;
}

export interface LookupQuery {
  readonly numbers: readonly string[];
  readonly senders: readonly { readonly clientId: number; readonly name: string }[];
  readonly clientIds: readonly number[];
  readonly destinationIds: readonly number[];
  readonly at: Date;
}

interface LookupRow {
  blacklisted: string[];
  senders: [number, string, SenderStatus][];
  prices: [number, number, string][];
  next_prices: [number, number, string][];
}

export interface Lookups {
  /** E.164 digits on the blacklist. */
  readonly blacklisted: ReadonlySet<string>;
  /** Keyed `clientId:lower(name)`. */
  readonly senders: Map<string, SenderStatus>;
  /** Unit prices in force, keyed `clientId:destinationId`. */
  readonly prices: ReadonlyMap<string, Decimal>;
  /** When the next price of a key takes effect (ms since the epoch), for keys that have one set for later. */
  readonly nextPrices: ReadonlyMap<string, number>;
}

/**
 * The SQL of one intake batch, in as few round trips as the rules allow (each one costs the whole
 * batch its latency): the clients with today's counts and one lookup of blacklist, senders and
 * prices (skipped when intake decides from memory), then one statement that locks the clients,
 * charges, stores messages, daily counts and statistics, and checks what the decision assumed.
 * Arrays go in as unnest() parameters, so a statement's text does not grow with the batch.
 */
export class IntakeStore {

  /**
   * Locks the batch's clients in id order until commit, in a statement of its own, so that what
   * readClients reads next (balance, rights, the day's counts) holds still until the batch commits:
   * the exact run of a batch whose first, unlocked run found them moved.
   */
  async lockClientRows(trx: Trx, ids: readonly number[]): Promise<void> {
    await sql`SELECT id FROM clients WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR NO KEY UPDATE`.execute(trx);
  }

  /**
   * The batch's clients with their local day at `now` and what it has counted, together with the
   * lookups (blacklist, senders, prices) in the same round trip. Unlocked: a concurrent batch of
   * the same client may move its balance and counts before this one stores; store()'s guard or
   * the locks of an exact run (lockClientRows first) make the outcome exact.
   */
  async readClients(db: Db, ids: readonly number[], now: Date, q: LookupQuery): Promise<{ clients: Map<number, ReadClient>; found: Lookups }> {
    const { rows } = await sql<Partial<ClientRow> & LookupRow>`
      WITH locked AS (
        SELECT id, status, can_send_smpp, can_send_http_api, can_send_rest, can_send_web, country, timezone, dispatch_windows,
               priority, blacklist_disabled, dynamic_sender, moderation, daily_limit, can_send_tests,
               balance::text AS balance, credit_limit::text AS credit_limit, overdraw_amount::text AS overdraw_amount, overdraw_until, dlr_wait_days,
               settings_version::text AS settings_version, (${now}::timestamptz AT TIME ZONE timezone)::date AS today
        FROM clients WHERE id = ANY(${ids}::bigint[])
      ), found AS (${lookupSql(q)})
      SELECT l.*, to_char(l.today, 'YYYY-MM-DD') AS day, ((l.today + 1)::timestamp AT TIME ZONE l.timezone) AS day_ends_at,
             coalesce(d.messages, 0) AS day_messages, coalesce(d.tests, 0) AS day_tests, f.*
      FROM found f LEFT JOIN (locked l LEFT JOIN client_daily_counts d ON d.client_id = l.id AND d.day = l.today) ON true`.execute(db);
    const clients = new Map<number, ReadClient>();
    for (const r of rows) {
      if (r.id === undefined || r.id === null) continue;
      const row = r as ClientRow;
      clients.set(Number(row.id), {
        client: toIntakeClient(row),
        today: { day: row.day, messages: row.day_messages, tests: row.day_tests },
        version: Number(row.settings_version),
        dayEndsAt: new Date(row.day_ends_at).getTime(),
      });
    }
    return { clients, found: toLookups(rows[0]) };
  }

  /** Blacklist hits, sender statuses and prices in force at `q.at`, in one round trip (for what the first one could not know). */
  async lookups(db: Db, q: LookupQuery): Promise<Lookups> {
    const { rows } = await sql<LookupRow>`${lookupSql(q)}`.execute(db);
    return toLookups(rows[0]);
  }

  /** Files new sender names for moderation; a name already there keeps its status. Answers every name's status. */
  async requestSenders(trx: Trx, requests: readonly { clientId: number; name: string; status: 'approved' | 'pending' }[]): Promise<Map<string, SenderStatus>> {
    if (requests.length === 0) return new Map();
    await sql`
      INSERT INTO client_senders (client_id, name, status, reason, decided_by, decided_at)
      SELECT client_id, name, status, CASE WHEN status = 'approved' THEN 'passed the automatic rules' ELSE '' END,
             CASE WHEN status = 'approved' THEN 'automatic' END, CASE WHEN status = 'approved' THEN now() END
      FROM unnest(${requests.map((r) => r.clientId)}::bigint[], ${requests.map((r) => r.name)}::text[], ${requests.map((r) => r.status)}::text[]) AS q(client_id, name, status)
      ON CONFLICT DO NOTHING`.execute(trx);
    const { senders } = await this.lookups(trx, { numbers: [], senders: requests, clientIds: [], destinationIds: [], at: new Date(0) });
    return senders;
  }

  /**
   * One statement: billing's charge (one ledger row per client, funds checked by the UPDATE
   * itself), the messages (multi-row insert; ids come back in the order of `drafts`), the
   * clients' daily counts and the statistics moves (appended to stats_moves, keyed as the
   * transitions key them in stats/stats.store.ts), and the api_texts (and api_text_parts) rows of
   * the batch's HTTP/REST texts (`texts`, by draft: IntakeRequest.textRecord; every part of a text
   * is in the batch, see textRowsOf), so such a text never commits without them. The batch's clients are locked first, in id
   * order, then their day rows (in key order): every batch takes its locks in that one order.
   *
   * With a `guard` the statement is the batch's whole transaction (run outside BEGIN … COMMIT, it
   * commits itself): a charge refused or a day's count over its limit undoes it and throws
   * StaleRead. Without one (inside the caller's transaction), a client that could not pay is in
   * `unpaid` and the caller rolls back.
   */
  async store(db: Db, drafts: readonly MessageDraft[], charges: readonly Charge[], at: Date, claim?: StoreClaim, guard?: StoreGuard, texts: readonly (TextPlace | undefined)[] = []): Promise<StoredBatch> {
    if (drafts.length === 0) return { ids: [], unpaid: new Set(), balances: new Map(), days: [] };
    const textRows = textRowsOf(drafts, texts);
    const charge = chargeStatement(charges, at, [...new Set(drafts.map((d) => d.clientId))]);
    const col = <T>(f: (d: MessageDraft) => T): T[] => drafts.map(f);
    const claimedBy = drafts.map((_, i) => (claim?.indexes.has(i) ? claim.by : null));
    const claimedUntil = drafts.map((_, i) => (claim?.indexes.has(i) ? claim.until : null));
    const daily = dailyRows(drafts);
    const limit = (r: DailyRow) => guard?.limits.get(`${r.clientId}:${r.day}`);
    const tally = new StatsTally();
    for (const d of drafts) tally.add(d, 1, d.segments, d.price.toFixed());
    const stats = tally.rows();
    const versions = [...(guard?.versions ?? [])];
    const { rows } = await sql<{ kind: 'message' | 'charge' | 'day' | 'guard'; id: number | null; client_id: number | null; value: string | null; messages: number | null; tests: number | null }>`
      WITH ${charge.ctes},
      daily AS (
        INSERT INTO client_daily_counts (client_id, day, messages, tests)
        SELECT * FROM unnest(${daily.map((r) => r.clientId)}::bigint[], ${daily.map((r) => r.day)}::date[], ${daily.map((r) => r.messages)}::int[], ${daily.map((r) => r.tests)}::int[])
        WHERE (SELECT count(*) FROM charge_locked) >= 0 -- the clients' locks before their day rows'
        ON CONFLICT (client_id, day) DO UPDATE SET messages = client_daily_counts.messages + EXCLUDED.messages, tests = client_daily_counts.tests + EXCLUDED.tests
        RETURNING client_id, to_char(day, 'YYYY-MM-DD') AS day, messages, tests
      ), stats AS (${appendStatsMoves(stats)}
      ), inserted AS (
      INSERT INTO messages (client_id, channel, state, source, source_ton, source_npi, destination, country, destination_id,
        esm_class, data_coding, short_message, text, segments, registered_delivery, priority, is_test, price,
        route_id, vendor_id, not_before, created_at, dlr_deadline, valid_until, claimed_until, claimed_by)
      SELECT client_id, channel, state, source, source_ton, source_npi, destination, country, destination_id,
        esm_class, data_coding, short_message, text, segments, registered_delivery, priority, is_test, price,
        route_id, vendor_id, not_before, ${at}::timestamptz, dlr_deadline, valid_until, claimed_until, claimed_by
      FROM unnest(
        ${col((d) => d.clientId)}::bigint[], ${col((d) => d.channel)}::text[], ${col((d) => d.state)}::text[],
        ${col((d) => d.source)}::text[], ${col((d) => d.sourceTon)}::int[], ${col((d) => d.sourceNpi)}::int[],
        ${col((d) => d.destination)}::text[], ${col((d) => d.country)}::text[], ${col((d) => d.destinationId)}::bigint[],
        ${col((d) => d.esmClass)}::int[], ${col((d) => d.dataCoding)}::int[], ${col((d) => d.shortMessage)}::bytea[],
        ${col((d) => d.text)}::text[], ${col((d) => d.segments)}::int[], ${col((d) => d.registeredDelivery)}::int[],
        ${col((d) => d.priority)}::int[], ${col((d) => d.isTest)}::boolean[], ${col((d) => d.price.toFixed())}::numeric[],
        ${col((d) => d.routeId)}::bigint[], ${col((d) => d.vendorId)}::bigint[], ${col((d) => d.notBefore)}::timestamptz[],
        ${col((d) => d.dlrDeadline)}::timestamptz[], ${col((d) => d.validUntil)}::timestamptz[],
        ${claimedUntil}::timestamptz[], ${claimedBy}::text[]
      ) WITH ORDINALITY AS m(client_id, channel, state, source, source_ton, source_npi, destination, country, destination_id,
        esm_class, data_coding, short_message, text, segments, registered_delivery, priority, is_test, price,
        route_id, vendor_id, not_before, dlr_deadline, valid_until, claimed_until, claimed_by, ord)
      ORDER BY ord
      RETURNING id
      )${textRows.length === 0 ? sql`` : sql`, text_parts AS (
        -- The texts' messages: the ids rise in the order the rows went in (ord); a text's id is its first part's.
        SELECT i.id, min(i.id) OVER (PARTITION BY t.text) AS text_id, t.*
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM inserted) i
        JOIN unnest(${textRows.map((t) => t.ord)}::int[], ${textRows.map((t) => t.text)}::int[], ${textRows.map((t) => t.part)}::int[], ${textRows.map((t) => t.clientId)}::bigint[],
          ${textRows.map((t) => t.record.channel)}::text[], ${textRows.map((t) => t.record.parts)}::int[], ${textRows.map((t) => t.record.dlrUrl)}::text[],
          ${textRows.map((t) => t.record.dlrMask)}::int[], ${textRows.map((t) => t.record.callbackUrl)}::text[], ${textRows.map((t) => t.record.owedBits)}::int[])
          AS t(ord, text, part, client_id, channel, parts, dlr_url, dlr_mask, callback_url, owed_bits) ON t.ord = i.ord
      ), texts AS (
        INSERT INTO api_texts (id, client_id, channel, part_ids, dlr_url, dlr_mask, callback_url, owed_bits)
        SELECT text_id, client_id, channel, array_agg(id ORDER BY part), dlr_url, dlr_mask, callback_url, owed_bits
        FROM text_parts GROUP BY text_id, client_id, channel, dlr_url, dlr_mask, callback_url, owed_bits
        RETURNING 1
      ), parts AS (
        INSERT INTO api_text_parts (message_id, text_id, part_number)
        SELECT id, text_id, part FROM text_parts WHERE parts > 1
        RETURNING 1
      )`}, guard AS (${
        guard
          ? sql`
        SELECT petrel_abort('PT001', 'a charge the balance no longer covers') FROM (SELECT count(*) AS n FROM charged) c WHERE c.n < ${charge.clientIds.length}
        UNION ALL
        SELECT petrel_abort('PT002', 'a day over its limit') FROM daily d
        JOIN unnest(${daily.map((r) => r.clientId)}::bigint[], ${daily.map((r) => r.day)}::text[], ${daily.map((r) => (r.messages > 0 ? (limit(r)?.messages ?? null) : null))}::int[], ${daily.map((r) => (r.tests > 0 ? (limit(r)?.tests ?? null) : null))}::int[])
          AS l(client_id, day, messages, tests) ON l.client_id = d.client_id AND l.day = d.day
        WHERE d.messages > l.messages OR d.tests > l.tests
        UNION ALL
        SELECT petrel_abort('PT003', 'a client whose settings changed') FROM unnest(${versions.map(([id]) => id)}::bigint[], ${versions.map(([, v]) => v)}::bigint[]) AS v(id, version)
        LEFT JOIN charge_locked c ON c.id = v.id WHERE c.settings_version IS DISTINCT FROM v.version
        UNION ALL
        SELECT petrel_abort('PT004', 'a destination on the blacklist') FROM blacklist WHERE number = ANY(${guard.unchecked}::text[])`
          : sql`SELECT NULL::boolean WHERE false`
      })
      SELECT 'message' AS kind, id, NULL::bigint AS client_id, NULL AS value, NULL::int AS messages, NULL::int AS tests FROM inserted
      UNION ALL SELECT 'charge', NULL, client_id, balance_after::text, NULL, NULL FROM charged
      UNION ALL SELECT 'day', NULL, client_id, day, messages, tests FROM daily
      UNION ALL SELECT 'guard', NULL, NULL, NULL, NULL, NULL FROM guard`
      .execute(db)
      .catch((err: unknown) => {
        const stale = GUARD_CODES[String((err as { code?: unknown }).code)];
        throw stale ? new StaleRead(stale) : err;
      });
    // bigserial hands out ids in insertion order, and the rows go in ORDER BY ord.
    const ids = rows.flatMap((r) => (r.kind === 'message' ? [Number(r.id)] : [])).sort((a, b) => a - b);
    const charged = rows.flatMap((r) => (r.kind === 'charge' ? [{ client_id: Number(r.client_id), balance_after: r.value as string }] : []));
    const days = rows.flatMap((r) => (r.kind === 'day' ? [{ clientId: Number(r.client_id), day: r.value as string, messages: Number(r.messages), tests: Number(r.tests) }] : []));
    const { failed, balances } = chargeResult(charge.clientIds, charged);
    return { ids, unpaid: failed, balances, days };
  }
}

/**
 * The rows of the batch's texts, by draft: `ord` is the draft's place from 1, `text` numbers the
 * texts. Intake decides a text's parts together (decideBatch), so a text is here whole or not at
 * all; one in part is a fault of the caller, and nothing of the batch is stored.
 */
function textRowsOf(drafts: readonly MessageDraft[], texts: readonly (TextPlace | undefined)[]): { ord: number; text: number; part: number; clientId: number; record: TextRecord }[] {
  const rows: { ord: number; text: number; part: number; clientId: number; record: TextRecord }[] = [];
  let text = 0;
  for (const [record, indexes] of partsByText(texts, (t) => t)) {
    const parts = indexes.map((i) => (texts[i] as TextPlace).part);
    if (!isWholeText(record, parts)) throw new Error(`a text of ${record.parts} parts came to the store with parts ${parts.join(', ')}: its parts are stored together or not at all`);
    text++;
    for (const i of indexes) rows.push({ ord: i + 1, text, part: (texts[i] as TextPlace).part, clientId: (drafts[i] as MessageDraft).clientId, record });
  }
  return rows;
}

function lookupSql(q: LookupQuery) {
  return sql`
    SELECT
      (SELECT coalesce(json_agg(number), '[]') FROM blacklist WHERE number = ANY(${q.numbers}::text[])) AS blacklisted,
      (SELECT coalesce(json_agg(json_build_array(s.client_id, lower(s.name), s.status)), '[]') FROM client_senders s
         JOIN unnest(${q.senders.map((s) => s.clientId)}::bigint[], ${q.senders.map((s) => s.name.toLowerCase())}::text[]) AS w(client_id, name)
           ON s.client_id = w.client_id AND lower(s.name) = w.name) AS senders,
      (SELECT coalesce(json_agg(json_build_array(p.client_id, p.destination_id, p.price::text)), '[]') FROM (
         SELECT DISTINCT ON (client_id, destination_id) client_id, destination_id, price FROM client_prices
         WHERE client_id = ANY(${q.clientIds}::bigint[]) AND destination_id = ANY(${q.destinationIds}::bigint[]) AND effective_from <= ${q.at}
         ORDER BY client_id, destination_id, effective_from DESC, id DESC) p) AS prices,
      (SELECT coalesce(json_agg(json_build_array(n.client_id, n.destination_id, n.next_from)), '[]') FROM (
         SELECT client_id, destination_id, (extract(epoch FROM min(effective_from)) * 1000)::text AS next_from FROM client_prices
         WHERE client_id = ANY(${q.clientIds}::bigint[]) AND destination_id = ANY(${q.destinationIds}::bigint[]) AND effective_from > ${q.at}
         GROUP BY client_id, destination_id) n) AS next_prices`;
}

function toLookups(r: LookupRow | undefined): Lookups {
  return {
    blacklisted: new Set(r?.blacklisted ?? []),
    senders: new Map((r?.senders ?? []).map(([clientId, name, status]) => [senderKey(Number(clientId), name), status])),
    prices: new Map((r?.prices ?? []).map(([clientId, destinationId, price]) => [`${Number(clientId)}:${Number(destinationId)}`, new Decimal(price)])),
    nextPrices: new Map((r?.next_prices ?? []).map(([clientId, destinationId, from]) => [`${Number(clientId)}:${Number(destinationId)}`, Number(from)])),
  };
}

export const senderKey = (clientId: number, name: string): string => `${clientId}:${name.toLowerCase()}`;

interface DailyRow {
  clientId: number;
  day: string;
  messages: number;
  tests: number;
}

/** What the batch adds to each client's day, in key order (the order their rows are locked in). */
function dailyRows(drafts: readonly MessageDraft[]): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  for (const d of drafts) {
    const key = `${d.clientId}:${d.day}`;
    const row = rows.get(key) ?? { clientId: d.clientId, day: d.day, messages: 0, tests: 0 };
    if (d.isTest) row.tests++;
    else row.messages++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.clientId - b.clientId || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function toIntakeClient(r: ClientRow): IntakeClient {
  return {
    id: Number(r.id),
    blocked: r.status !== 'active',
    rights: { smpp: r.can_send_smpp, http: r.can_send_http_api, rest: r.can_send_rest, web: r.can_send_web },
    country: r.country,
    timezone: r.timezone,
    dispatchWindows: r.dispatch_windows,
    priority: r.priority,
    blacklistDisabled: r.blacklist_disabled,
    dynamicSender: r.dynamic_sender,
    moderation: r.moderation,
    dailyLimit: r.daily_limit,
    canSendTests: r.can_send_tests,
    funds: {
      balance: new Decimal(r.balance),
      creditLimit: r.credit_limit === null ? null : new Decimal(r.credit_limit),
      overdraw: r.overdraw_amount !== null && r.overdraw_until !== null ? { amount: new Decimal(r.overdraw_amount), until: new Date(r.overdraw_until) } : null,
    },
    dlrWaitDays: r.dlr_wait_days,
  };
}
