import { type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, sql, type Updateable } from 'kysely';
import type { Client } from './client.ts';
import { type JoinedClientRow, rowToClient } from './client-row.ts';
import type { ClientsTable } from './client-tables.ts';
import { type ClientListQuery, containsPattern, parseClientSort } from './rules/client-list-query.ts';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<AccountsTables>;

/** Which clients an operator may see: all of them, or a manager's own. */
export interface ClientScope {
  readonly managerId?: number;
}

export type ClientFilter = Omit<ClientListQuery, 'page' | 'pageSize' | 'sort'>;

/** Client accounts (SQL only; one statement per method). */
export class ClientStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): ClientStore {
    return new ClientStore(trx);
  }

  async insert(row: Insertable<ClientsTable>): Promise<number> {
    const r = await this.db.insertInto('clients').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async update(id: number, columns: Updateable<ClientsTable>): Promise<void> {
    await this.db.updateTable('clients').set(columns).where('id', '=', id).execute();
  }

  /** Blocks or unblocks, only from the other state; false when it already was in `status`. */
  async setStatus(id: number, status: 'active' | 'blocked', reason: string | null, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('clients')
      .set({ status, blocked_reason: reason, blocked_at: status === 'blocked' ? now : null, updated_at: now })
      .where('id', '=', id)
      .where('status', '!=', status)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async findById(id: number, scope: ClientScope = {}): Promise<Client | undefined> {
    const r = await this.joined()
      .where('c.id', '=', id)
      .where((eb) => inScope(eb, scope))
      .executeTakeFirst();
    return r && rowToClient(r as JoinedClientRow);
  }

  /** Whether another client has this login, letter case aside. */
  async loginTaken(login: string, exceptId?: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('clients')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['login']), '=', login.toLowerCase()))
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
      .executeTakeFirst();
    return r !== undefined;
  }

  async count(filter: ClientFilter, scope: ClientScope): Promise<number> {
    const r = await this.db
      .selectFrom('clients as c')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.and([inScope(eb, scope), matches(eb, filter)]))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async page(query: ClientListQuery, scope: ClientScope): Promise<Client[]> {
    const { by, direction } = parseClientSort(query.sort);
    // "C" collation: the same order on PGlite and on any PostgreSQL server, whatever its locale.
    const column = { login: sql`lower(c.login) COLLATE "C"`, createdAt: sql`c.created_at`, company: sql`lower(c.company) COLLATE "C"` }[by];
    const rows = await this.joined()
      .where((eb) => eb.and([inScope(eb, scope), matches(eb, query)]))
      .orderBy(sql`${column} ${sql.raw(direction)} NULLS LAST`)
      .orderBy('c.id', direction)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return rows.map((r) => rowToClient(r as JoinedClientRow));
  }

  /** A client row with the names behind its references, for display. */
  private joined() {
    return this.db
      .selectFrom('clients as c')
      .leftJoin('operators as o', 'o.id', 'c.manager_id')
      .leftJoin('products as p', 'p.id', 'c.product_id')
      .leftJoin('legal_entities as le', 'le.id', 'c.legal_entity_id')
      .leftJoin('business_types as bt', 'bt.id', 'c.business_type_id')
      .leftJoin('category_types as ct', 'ct.id', 'c.category_type_id')
      .selectAll('c')
      .select(['o.login as manager_login', 'p.name as product_name', 'le.name as legal_entity_name', 'bt.name as business_type', 'ct.name as category_type']);
  }
}

type ClientsEb = ExpressionBuilder<AccountsTables & { c: ClientsTable }, 'c'>;

function inScope(eb: ClientsEb, scope: ClientScope): Expression<SqlBool> {
  return scope.managerId === undefined ? sql<SqlBool>`true` : eb('c.manager_id', '=', scope.managerId);
}

function matches(eb: ClientsEb, f: ClientFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (f.search) {
    const pattern = containsPattern(f.search);
    conditions.push(eb.or([eb('c.login', 'ilike', pattern), eb('c.company', 'ilike', pattern), eb('c.email', 'ilike', pattern)]));
  }
  if (f.managerId !== undefined) conditions.push(eb('c.manager_id', '=', f.managerId));
  if (f.country !== undefined) conditions.push(eb('c.country', '=', f.country));
  if (f.blocked !== undefined) conditions.push(eb('c.status', '=', f.blocked ? 'blocked' : 'active'));
  if (f.businessType !== undefined) conditions.push(eb('c.business_type_id', 'in', listIdByName(eb, 'business_types', f.businessType)));
  if (f.categoryType !== undefined) conditions.push(eb('c.category_type_id', 'in', listIdByName(eb, 'category_types', f.categoryType)));
  return eb.and(conditions);
}

function listIdByName(eb: ClientsEb, table: 'business_types' | 'category_types', name: string) {
  return eb
    .selectFrom(table)
    .select('id')
    .where((w) => w(w.fn('lower', ['name']), '=', name.toLowerCase()));
}
