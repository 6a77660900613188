import { type Kysely, sql } from 'kysely';
import type { AccountsTables } from '../accounts/tables.ts';
import type { RoutingTables } from './tables.ts';

type Db = Kysely<RoutingTables & Pick<AccountsTables, 'clients'>>;

/** A number (or short code) and optional keyword whose incoming messages belong to a client. */
export interface MoNumber {
  readonly id: number;
  readonly number: string;
  readonly keyword: string | null;
  readonly clientId: number;
  readonly clientLogin: string;
  readonly createdAt: Date;
}

export const MO_NUMBER_KEY = 'mo_numbers_key';

/** The keyword of an incoming text: its first word. */
export function firstWord(text: string): string {
  return text.trim().split(/\s+/, 1)[0] ?? '';
}

/** MO numbers and keywords (SQL only). */
export class MoNumberStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): MoNumberStore {
    return new MoNumberStore(trx);
  }

  async list(filter: { managerId?: number | undefined; clientId?: number | undefined; id?: number | undefined } = {}): Promise<MoNumber[]> {
    let q = this.db.selectFrom('mo_numbers as m').innerJoin('clients as c', 'c.id', 'm.client_id').select(['m.id', 'm.number', 'm.keyword', 'm.client_id', 'm.created_at', 'c.login']);
    if (filter.managerId !== undefined) q = q.where('c.manager_id', '=', filter.managerId);
    if (filter.clientId !== undefined) q = q.where('m.client_id', '=', filter.clientId);
    if (filter.id !== undefined) q = q.where('m.id', '=', filter.id);
    const rows = await q.orderBy('m.number').orderBy(sql`m.keyword NULLS LAST`).execute();
    return rows.map((r) => ({ id: r.id, number: r.number, keyword: r.keyword, clientId: r.client_id, clientLogin: r.login, createdAt: r.created_at }));
  }

  async findById(id: number): Promise<MoNumber | undefined> {
    return (await this.list({ id }))[0];
  }

  async insert(m: { number: string; keyword: string | null; clientId: number }): Promise<number> {
    const r = await this.db.insertInto('mo_numbers').values({ number: m.number, keyword: m.keyword, client_id: m.clientId }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('mo_numbers').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * The client an incoming message belongs to: the number with the text's first word as keyword
   * (case-insensitive), else the number without a keyword. Undefined when nobody owns it.
   */
  async ownerOf(number: string, text: string): Promise<number | undefined> {
    const digits = number.replace(/^\+/, '');
    const r = await this.db
      .selectFrom('mo_numbers')
      .select('client_id')
      .where('number', '=', digits)
      .where((eb) => eb.or([eb('keyword', 'is', null), eb(eb.fn('upper', ['keyword']), '=', firstWord(text).toUpperCase())]))
      .orderBy(sql`keyword IS NULL`)
      .limit(1)
      .executeTakeFirst();
    return r?.client_id;
  }
}
