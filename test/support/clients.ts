import type { ApiClient } from './platform.ts';

/** A client as the API answers it (tests read its fields as unknown JSON). */
export interface ClientBody {
  readonly id: number;
  readonly login: string;
  readonly [key: string]: unknown;
}

/** One row of a history answer. */
export interface HistoryRow {
  readonly id: number;
  readonly entityId?: number;
  readonly action: string;
  readonly field: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly actor: string;
  readonly at: string;
}

/** The required fields of a client, valid; a login makes each one distinct. */
export function requiredFields(login = 'Orchid_magazine', password = 'secret-pass-1'): Record<string, unknown> {
  const mail = login.toLowerCase();
  return {
    login,
    password,
    passwordConfirm: password,
    currency: 'EUR',
    contactName: 'Ann Lee',
    phone: '+380501234567',
    email: `${mail}@example.com`,
    priceUpdateEmail: `${mail}.prices@example.com`,
    billingEmail: `${mail}.billing@example.com`,
  };
}

/** Creates a client as `api` and returns it; fails the test with the answer when refused. */
export async function createClient(api: ApiClient, fields: Record<string, unknown>): Promise<ClientBody> {
  const res = await api.post('/api/admin/clients', fields);
  if (res.status !== 201) throw new Error(`creating client ${String(fields.login)} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.client;
}

/** Creates a manager (as an admin) and returns its id and a client signed in as it. */
export async function createManager(admin: ApiClient, login: string): Promise<{ id: number; api: ApiClient }> {
  const password = `${login}-password`;
  const res = await admin.post('/api/admin/operators', { login, password, role: 'manager', name: `Manager ${login}` });
  if (res.status !== 201) throw new Error(`creating manager ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.operator.id, api: await admin.signIn(login, password) };
}
