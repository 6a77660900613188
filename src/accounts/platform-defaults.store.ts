import type { Kysely } from 'kysely';
import type { PlatformDefaults } from './rules/list-schemas.ts';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<AccountsTables>;

/** The one row of platform defaults (seeded by migration 0002). */
export class PlatformDefaultsStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): PlatformDefaultsStore {
    return new PlatformDefaultsStore(trx);
  }

  async get(): Promise<PlatformDefaults> {
    const r = await this.db.selectFrom('platform_defaults').selectAll().executeTakeFirstOrThrow();
    return {
      moderation: r.moderation,
      timezone: r.timezone,
      priority: r.priority,
      dlrWaitDays: r.dlr_wait_days,
      expiredDlrStatus: r.expired_dlr_status as PlatformDefaults['expiredDlrStatus'],
    };
  }

  async set(d: PlatformDefaults, now: Date): Promise<void> {
    await this.db
      .updateTable('platform_defaults')
      .set({ moderation: d.moderation, timezone: d.timezone, priority: d.priority, dlr_wait_days: d.dlrWaitDays, expired_dlr_status: d.expiredDlrStatus, updated_at: now })
      .execute();
  }
}
