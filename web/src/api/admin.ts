import { http, type Query } from './http.ts';
import type { Client, Currency, HistoryItem, Items, LegalEntity, NamedItem, Operator, Page, PlatformDefaults, Product, StatsApiRow, LoggedMessage, MessageEvent } from './types.ts';

/** Every admin API call the panel makes, in one place. */

export const session = {
  me: () => http.get<{ operator: Operator }>('/api/admin/me'),
  signIn: (login: string, password: string) => http.post<{ operator: Operator }>('/api/admin/login', { login, password }),
  signOut: () => http.post<{ ok: true }>('/api/admin/logout'),
};

export const clients = {
  list: (query: Query) => http.get<Page<Client>>('/api/admin/clients', query),
  get: (id: number) => http.get<{ client: Client }>(`/api/admin/clients/${id}`),
  create: (body: Record<string, unknown>) => http.post<{ client: Client }>('/api/admin/clients', body),
  update: (id: number, body: Record<string, unknown>) => http.patch<{ client: Client }>(`/api/admin/clients/${id}`, body),
  block: (id: number, reason: string) => http.post<{ client: Client }>(`/api/admin/clients/${id}/block`, { reason }),
  unblock: (id: number, reason?: string) => http.post<{ client: Client }>(`/api/admin/clients/${id}/unblock`, reason ? { reason } : {}),
  history: (id: number) => http.get<Items<HistoryItem>>(`/api/admin/clients/${id}/history`),
};

export const operators = {
  list: () => http.get<Items<Operator>>('/api/admin/operators'),
  /** Active managers, for a client's Manager field (readable by managers too). */
  managers: () => http.get<Items<Operator>>('/api/admin/managers'),
  create: (body: Record<string, unknown>) => http.post<{ operator: Operator }>('/api/admin/operators', body),
  update: (id: number, body: Record<string, unknown>) => http.patch<{ operator: Operator }>(`/api/admin/operators/${id}`, body),
};

export const currencies = {
  list: () => http.get<Items<Currency>>('/api/admin/currencies'),
  setEnabled: (code: string, enabled: boolean) => http.put<unknown>(`/api/admin/currencies/${code}`, { enabled }),
};

/** The operator-managed name lists: business types and category types. */
export function nameList(path: '/api/admin/business-types' | '/api/admin/category-types') {
  return {
    list: () => http.get<Items<NamedItem>>(path),
    create: (name: string) => http.post<unknown>(path, { name }),
    update: (id: number, name: string) => http.patch<unknown>(`${path}/${id}`, { name }),
    remove: (id: number) => http.delete<unknown>(`${path}/${id}`),
  };
}
export const businessTypes = nameList('/api/admin/business-types');
export const categoryTypes = nameList('/api/admin/category-types');

export const legalEntities = {
  list: () => http.get<Items<LegalEntity>>('/api/admin/legal-entities'),
  create: (body: Record<string, unknown>) => http.post<unknown>('/api/admin/legal-entities', body),
  update: (id: number, body: Record<string, unknown>) => http.patch<unknown>(`/api/admin/legal-entities/${id}`, body),
  remove: (id: number) => http.delete<unknown>(`/api/admin/legal-entities/${id}`),
};

export const products = {
  list: () => http.get<Items<Product>>('/api/admin/products'),
  get: (id: number) => http.get<{ product: Product }>(`/api/admin/products/${id}`),
  create: (body: Record<string, unknown>) => http.post<unknown>('/api/admin/products', body),
  update: (id: number, body: Record<string, unknown>) => http.patch<unknown>(`/api/admin/products/${id}`, body),
  remove: (id: number) => http.delete<unknown>(`/api/admin/products/${id}`),
};

export const platformDefaults = {
  get: () => http.get<PlatformDefaults | { defaults: PlatformDefaults }>('/api/admin/settings/defaults').then(unwrapDefaults),
  save: (body: PlatformDefaults) => http.put<PlatformDefaults | { defaults: PlatformDefaults }>('/api/admin/settings/defaults', body).then(unwrapDefaults),
};

function unwrapDefaults(v: PlatformDefaults | { defaults: PlatformDefaults }): PlatformDefaults {
  return 'defaults' in v ? v.defaults : v;
}

export const history = {
  list: (entity: string, entityId?: number) => http.get<Items<HistoryItem>>('/api/admin/history', { entity, entityId }),
};

/** One refusal at intake, as the Blocked SMS view lists it (src/messaging/messages.http.ts). */
export interface Refusal {
  readonly at: string;
  readonly clientId: number;
  readonly clientLogin: string | null;
  readonly channel: 'smpp' | 'http' | 'rest' | 'web';
  readonly source: string;
  readonly destination: string;
  readonly code: string;
  readonly message: string;
}

export const refusals = {
  /** The latest refusals on this node, newest first; `totals` (refusals per code since start) for admins only. */
  list: (query: Query) => http.get<{ items: Refusal[]; totals?: Record<string, number> }>('/api/admin/refusals', query),
};

export const statistics = {
  /** Counts, segments and amounts from the counters (src/messaging/stats/stats.http.ts); `groupBy` e.g. 'client,state'. */
  query: (query: Query) => http.get<{ from: string; to: string; rows: StatsApiRow[] }>('/api/admin/stats', query),
};

export const messageLog = {
  /** Newest first; pass the answer's `next` as `before` for the next page. */
  search: (query: Query) => http.get<{ items: LoggedMessage[]; next: string | null }>('/api/admin/messages', query),
  get: (id: string) => http.get<{ message: LoggedMessage; events: MessageEvent[] }>(`/api/admin/messages/${id}`),
  /** Cancels a waiting message (a part of a text: the whole text); the message after it. */
  cancel: (id: string) => http.post<{ message: LoggedMessage; events: MessageEvent[] }>(`/api/admin/messages/${id}/cancel`, {}),
};

/** A mail of the e-mail outbox (src/notify/email/mail.http.ts). */
export interface OutboxMail {
  readonly id: string;
  readonly kind: 'price_update' | 'low_balance' | 'daily_stats';
  readonly clientId: number | null;
  readonly clientLogin: string | null;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
}

export const mailOutbox = {
  /** Newest first; `sending` is false when no SMTP server is configured (mail waits in the outbox). */
  list: (query: Query) => http.get<{ sending: boolean; items: OutboxMail[]; total: number; page: number; pageSize: number }>('/api/admin/mail', query),
};
