import { randomSecret } from '../platform/ids.ts';
import type { OperatorStore } from './operator.store.ts';
import { hashPassword } from './password.ts';

/**
 * On first start the platform has no operator: create `admin` with the configured password, or a
 * generated one that is returned so the caller prints it once.
 */
export async function ensureAdmin(store: OperatorStore, configuredPassword: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await store.countAdmins()) > 0) return { created: false };
  const password = configuredPassword ?? randomSecret(12);
  await store.insert({ login: 'admin', passwordHash: await hashPassword(password), role: 'admin', name: 'Administrator' });
  return configuredPassword ? { created: true } : { created: true, generatedPassword: password };
}
