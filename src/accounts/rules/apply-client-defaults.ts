import type { ClientSettings } from '../client.ts';
import { CLIENT_SETTING_KEYS } from '../client.ts';
import type { ClientCreate } from './client-schema.ts';
import { clientFieldByKey } from './client-fields.ts';
import type { PlatformDefaults, ProductDefaults } from './list-schemas.ts';

type Values = Partial<Record<keyof ClientSettings, unknown>>;

/**
 * A new client's settings: what the form gave (null included: "none" is a choice), else its
 * product's preset, else the platform defaults, else the field's own default (clients.md).
 * Every key ends with a value; null means none.
 */
export function applyClientDefaults(input: ClientCreate, product: ProductDefaults | null, platform: PlatformDefaults): ClientSettings {
  const sources: Values[] = [input, product ?? {}, platform];
  const settings: Values = {};
  for (const key of CLIENT_SETTING_KEYS) {
    const source = sources.find((s) => s[key] !== undefined);
    settings[key] = source ? source[key] : (clientFieldByKey[key].defaultValue ?? null);
  }
  return settings as ClientSettings;
}
