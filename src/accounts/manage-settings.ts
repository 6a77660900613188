import { notFound } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { diffFields } from './diff-fields.ts';
import { actorOf, type Operator } from './operator.ts';
import type { PlatformDefaults } from './rules/list-schemas.ts';

export interface Currency {
  readonly code: string;
  readonly name: string;
  readonly enabled: boolean;
  /** The id its history is kept under (GET /api/admin/history?entity=currency&entityId=). */
  readonly id: number;
}

const names = new Intl.DisplayNames(['en'], { type: 'currency' });
const isoCodes = new Set(Intl.supportedValuesOf('currency'));

/** Every ISO 4217 currency with its English name; the enabled ones can be chosen for new clients. */
export async function listCurrencies(s: AccountsStores): Promise<Currency[]> {
  return (await s.currencies.list()).map((c) => ({ code: c.code, name: names.of(c.code) ?? c.code, enabled: c.enabled, id: c.id }));
}

/**
 * Enables or disables a currency. Disabling one that clients use is allowed: they keep it (a
 * client's currency never changes), but no new client can be created in it.
 */
export async function setCurrencyEnabled(s: AccountsStores, op: Operator, code: string, enabled: boolean): Promise<Currency> {
  const before = await s.currencies.find(code);
  if (!before && !isoCodes.has(code)) throw notFound(`currency ${code}`);
  return s.db.transaction().execute(async (trx) => {
    const after = await s.currencies.in(trx).setEnabled(code, enabled);
    const changes = diffFields({ enabled: before?.enabled ?? false }, { enabled: after.enabled });
    if (changes.length > 0) await s.history.record(trx, 'currency', after.id, enabled ? 'enable' : 'disable', actorOf(op), changes);
    return { code: after.code, name: names.of(after.code) ?? after.code, enabled: after.enabled, id: after.id };
  });
}

/** The platform defaults apply to clients created afterwards; existing clients keep their values. */
export async function setPlatformDefaults(s: AccountsStores, op: Operator, next: PlatformDefaults): Promise<PlatformDefaults> {
  const before = await s.platformDefaults.get();
  return s.db.transaction().execute(async (trx) => {
    await s.platformDefaults.in(trx).set(next, s.clock.now());
    const after = await s.platformDefaults.in(trx).get();
    const changes = diffFields(before, after);
    if (changes.length > 0) await s.history.record(trx, 'platform_defaults', 1, 'update', actorOf(op), changes);
    return after;
  });
}
