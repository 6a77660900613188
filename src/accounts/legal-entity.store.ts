import { type Kysely, type Selectable, sql } from 'kysely';
import type { LegalEntitiesTable } from './list-tables.ts';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<AccountsTables>;

/** One of the operator's own companies: it issues invoices (header, bank details, numbering). */
export interface LegalEntity {
  readonly id: number;
  readonly name: string;
  readonly address: string | null;
  readonly country: string | null;
  readonly taxNumber: string | null;
  readonly vatNumber: string | null;
  readonly registrationNumber: string | null;
  readonly bankName: string | null;
  readonly bankAccount: string | null;
  readonly swift: string | null;
  readonly invoicePrefix: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type LegalEntityFields = Omit<LegalEntity, 'id' | 'createdAt' | 'updatedAt'>;

const toLegalEntity = (r: Selectable<LegalEntitiesTable>): LegalEntity => ({
  id: r.id,
  name: r.name,
  address: r.address,
  country: r.country,
  taxNumber: r.tax_number,
  vatNumber: r.vat_number,
  registrationNumber: r.registration_number,
  bankName: r.bank_name,
  bankAccount: r.bank_account,
  swift: r.swift,
  invoicePrefix: r.invoice_prefix,
  email: r.email,
  phone: r.phone,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toColumns = (f: Partial<LegalEntityFields>) =>
  Object.fromEntries(
    Object.entries({
      name: f.name,
      address: f.address,
      country: f.country,
      tax_number: f.taxNumber,
      vat_number: f.vatNumber,
      registration_number: f.registrationNumber,
      bank_name: f.bankName,
      bank_account: f.bankAccount,
      swift: f.swift,
      invoice_prefix: f.invoicePrefix,
      email: f.email,
      phone: f.phone,
    }).filter(([, v]) => v !== undefined),
  );

export class LegalEntityStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): LegalEntityStore {
    return new LegalEntityStore(trx);
  }

  async list(): Promise<LegalEntity[]> {
    return (await this.db.selectFrom('legal_entities').selectAll().orderBy(sql`lower(name) COLLATE "C"`).orderBy('id').execute()).map(toLegalEntity);
  }

  async findById(id: number): Promise<LegalEntity | undefined> {
    const r = await this.db.selectFrom('legal_entities').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toLegalEntity(r);
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('legal_entities')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
      .executeTakeFirst();
    return r !== undefined;
  }

  async insert(f: LegalEntityFields, now: Date): Promise<LegalEntity> {
    const r = await this.db
      .insertInto('legal_entities')
      .values({ ...toColumns(f), name: f.name, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toLegalEntity(r);
  }

  async update(id: number, f: Partial<LegalEntityFields>, now: Date): Promise<LegalEntity | undefined> {
    const r = await this.db
      .updateTable('legal_entities')
      .set({ ...toColumns(f), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return r && toLegalEntity(r);
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('legal_entities').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Clients invoiced by it, plus products whose preset names it. */
  async usage(id: number): Promise<number> {
    const r = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('clients')
          .select((s) => s.fn.countAll<number>().as('n'))
          .where('legal_entity_id', '=', id)
          .as('clients'),
        eb
          .selectFrom('products')
          .select((s) => s.fn.countAll<number>().as('n'))
          .where(({ ref, eb: e }) => e(ref('defaults', '->>').key('legalEntityId'), '=', String(id)))
          .as('products'),
      ])
      .executeTakeFirstOrThrow();
    return Number(r.clients) + Number(r.products);
  }
}
