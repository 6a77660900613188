import { type Kysely, sql } from 'kysely';
import type { PolicyTables } from './tables.ts';

type Db = Kysely<PolicyTables>;

export interface BlacklistEntry {
  /** E.164 digits without '+'. */
  readonly number: string;
  readonly reason: string;
  readonly createdAt: Date;
}

/** The platform blacklist of destination numbers (SQL only). */
export class BlacklistStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): BlacklistStore {
    return new BlacklistStore(trx);
  }

  /** For intake: which of these numbers (E.164 digits) are on the blacklist (one query). */
  async blacklisted(numbers: readonly string[]): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('blacklist')
      .select('number')
      .where('number', '=', sql<string>`ANY(${[...new Set(numbers)]}::text[])`)
      .execute();
    return new Set(rows.map((r) => r.number));
  }

  async page(q: { search?: string | undefined; page: number; pageSize: number }): Promise<{ items: BlacklistEntry[]; total: number }> {
    let base = this.db.selectFrom('blacklist');
    const digits = q.search?.replace(/\D/g, '');
    if (digits) base = base.where('number', 'like', `%${digits}%`);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('number').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => ({ number: r.number, reason: r.reason, createdAt: r.created_at })), total: Number(count.n) };
  }

  async find(number: string): Promise<BlacklistEntry | undefined> {
    const r = await this.db.selectFrom('blacklist').selectAll().where('number', '=', number).executeTakeFirst();
    return r && { number: r.number, reason: r.reason, createdAt: r.created_at };
  }

  /** Adds numbers (E.164 digits); those already listed keep their reason. Returns the ones added. */
  async add(entries: readonly { number: string; reason: string }[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const rows = await this.db
      .insertInto('blacklist')
      .values(entries.map((e) => ({ number: e.number, reason: e.reason })))
      .onConflict((oc) => oc.column('number').doNothing())
      .returning('number')
      .execute();
    return rows.map((r) => r.number);
  }

  async remove(number: string): Promise<boolean> {
    const r = await this.db.deleteFrom('blacklist').where('number', '=', number).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
