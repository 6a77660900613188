import { http, type Query } from './http.ts';
import type { Items, Page } from './types.ts';

/** What may be sent: sender names and their moderation, the deny-list, the blacklist, policy settings (src/policy/*.http.ts). */

export type SenderStatus = 'pending' | 'approved' | 'denied';

export interface Sender {
  readonly id: number;
  readonly clientId: number;
  readonly clientLogin: string;
  readonly name: string;
  readonly status: SenderStatus;
  readonly reason: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}

export interface BlacklistEntry {
  /** E.164 digits without '+'. */
  readonly number: string;
  readonly reason: string;
  readonly createdAt: string;
}

export interface BlacklistImport {
  readonly accepted: number;
  readonly added: number;
  readonly alreadyListed: number;
  readonly refused: { readonly line: number; readonly value: string; readonly reason: string }[];
}

export interface PolicySettings {
  readonly testDailyQuota: number;
}

export const senders = {
  list: (query: { status?: SenderStatus; clientId?: number } = {}) => http.get<Items<Sender>>('/api/admin/senders', query),
  ofClient: (clientId: number) => http.get<Items<Sender>>(`/api/admin/clients/${clientId}/senders`),
  add: (clientId: number, name: string) => http.post<{ sender: Sender }>(`/api/admin/clients/${clientId}/senders`, { name }),
  approve: (id: number, reason = '') => http.post<{ sender: Sender }>(`/api/admin/senders/${id}/approve`, reason ? { reason } : {}),
  deny: (id: number, reason: string) => http.post<{ sender: Sender }>(`/api/admin/senders/${id}/deny`, { reason }),
  remove: (id: number) => http.delete<unknown>(`/api/admin/senders/${id}`),
};

export const senderDenylist = {
  list: () => http.get<Items<{ pattern: string; createdAt: string }>>('/api/admin/sender-denylist'),
  add: (pattern: string) => http.post<{ pattern: string }>('/api/admin/sender-denylist', { pattern }),
  remove: (pattern: string) => http.delete<unknown>(`/api/admin/sender-denylist?pattern=${encodeURIComponent(pattern)}`),
};

export const blacklist = {
  list: (query: Query) => http.get<Page<BlacklistEntry>>('/api/admin/blacklist', query),
  add: (number: string, reason: string) => http.post<{ entry: BlacklistEntry }>('/api/admin/blacklist', { number, reason }),
  remove: (number: string) => http.delete<unknown>(`/api/admin/blacklist/${encodeURIComponent(number)}`),
  import: (numbers: string, reason?: string) => http.post<BlacklistImport>('/api/admin/blacklist/import', reason ? { numbers, reason } : { numbers }),
};

export const policySettings = {
  get: () => http.get<{ settings: PolicySettings }>('/api/admin/settings/policy'),
  save: (body: PolicySettings) => http.put<{ settings: PolicySettings }>('/api/admin/settings/policy', body),
};
