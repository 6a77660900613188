import type { Kysely } from 'kysely';
import type { PolicyTables } from './tables.ts';

/** The platform's policy settings (one row). */
export interface PolicySettings {
  /** Test messages a client may send per local day (Can SMS Tests). */
  readonly testDailyQuota: number;
}

export class PolicySettingsStore {
  constructor(private readonly db: Kysely<PolicyTables>) {}

  async get(): Promise<PolicySettings> {
    const r = await this.db.selectFrom('policy_settings').select('test_daily_quota').where('id', '=', 1).executeTakeFirst();
    return { testDailyQuota: r?.test_daily_quota ?? 10 };
  }

  async update(db: Kysely<PolicyTables>, s: PolicySettings): Promise<void> {
    await db.insertInto('policy_settings').values({ id: 1, test_daily_quota: s.testDailyQuota }).onConflict((oc) => oc.column('id').doUpdateSet({ test_daily_quota: s.testDailyQuota })).execute();
  }
}
