import type { Kysely, Selectable } from 'kysely';
import type { Operator } from './operator.ts';
import type { AccountsTables, OperatorsTable } from './tables.ts';

type Db = Kysely<AccountsTables>;

const toOperator = (r: Selectable<OperatorsTable>): Operator => ({
  id: r.id,
  login: r.login,
  role: r.role,
  name: r.name,
  email: r.email,
  disabled: r.disabled,
  createdAt: r.created_at,
});

export class OperatorStore {
  constructor(private readonly db: Db) {}

  /** The same store inside a transaction. */
  in(trx: Db): OperatorStore {
    return new OperatorStore(trx);
  }

  async findByLogin(login: string): Promise<(Operator & { passwordHash: string }) | undefined> {
    const r = await this.db.selectFrom('operators').selectAll().where((eb) => eb(eb.fn('lower', ['login']), '=', login.toLowerCase())).executeTakeFirst();
    return r && { ...toOperator(r), passwordHash: r.password_hash };
  }

  async findById(id: number): Promise<Operator | undefined> {
    const r = await this.db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toOperator(r);
  }

  async list(): Promise<Operator[]> {
    const rows = await this.db.selectFrom('operators').selectAll().orderBy('login').execute();
    return rows.map(toOperator);
  }

  async insert(o: { login: string; passwordHash: string; role: Operator['role']; name?: string; email?: string }): Promise<Operator> {
    const r = await this.db
      .insertInto('operators')
      .values({ login: o.login, password_hash: o.passwordHash, role: o.role, name: o.name ?? '', email: o.email ?? '' })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOperator(r);
  }

  async update(id: number, patch: { name?: string; email?: string; disabled?: boolean; passwordHash?: string }): Promise<Operator | undefined> {
    const r = await this.db
      .updateTable('operators')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return r && toOperator(r);
  }

  async countAdmins(): Promise<number> {
    const r = await this.db.selectFrom('operators').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createSession(tokenHash: string, operatorId: number, expiresAt: Date): Promise<void> {
    await this.db.insertInto('operator_sessions').values({ token_hash: tokenHash, operator_id: operatorId, expires_at: expiresAt }).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('operator_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async findBySession(tokenHash: string, now: Date): Promise<Operator | undefined> {
    const r = await this.db
      .selectFrom('operator_sessions as s')
      .innerJoin('operators as o', 'o.id', 's.operator_id')
      .selectAll('o')
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    return r && toOperator(r);
  }

  async createToken(operatorId: number, name: string, tokenHash: string): Promise<{ id: number; name: string; createdAt: Date }> {
    const r = await this.db.insertInto('operator_tokens').values({ operator_id: operatorId, name, token_hash: tokenHash, last_used_at: null, revoked_at: null }).returningAll().executeTakeFirstOrThrow();
    return { id: r.id, name: r.name, createdAt: r.created_at };
  }

  async listTokens(operatorId: number): Promise<{ id: number; name: string; createdAt: Date; lastUsedAt: Date | null }[]> {
    const rows = await this.db.selectFrom('operator_tokens').selectAll().where('operator_id', '=', operatorId).where('revoked_at', 'is', null).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  async revokeToken(operatorId: number, id: number, now: Date): Promise<boolean> {
    const r = await this.db.updateTable('operator_tokens').set({ revoked_at: now }).where('id', '=', id).where('operator_id', '=', operatorId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async findByToken(tokenHash: string, now: Date): Promise<Operator | undefined> {
    const r = await this.db
      .updateTable('operator_tokens as t')
      .set({ last_used_at: now })
      .from('operators as o')
      .whereRef('o.id', '=', 't.operator_id')
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .returningAll('o')
      .executeTakeFirst();
    return r && toOperator(r);
  }
}
