import { http, type Query } from './http.ts';
import type { Items, Page } from './types.ts';

/**
 * The SMPP & API tab: credentials and limits (src/accounts/client-access.http.ts), REST API keys
 * (api-keys.http.ts) and the webhook (src/notify/webhooks/webhooks.http.ts). Secrets are in the
 * answer that makes them, never again.
 */

export interface ClientAccess {
  readonly smppSystemId: string | null;
  /** The system_id shown is the login, not yet saved as the client's own. */
  readonly smppSystemIdIsDefault: boolean;
  readonly smppPasswordSet: boolean;
  readonly allowedIps: string[];
  readonly maxBinds: number;
  /** Messages per second; null: no limit of its own. */
  readonly throughput: number | null;
  readonly apiPasswordSet: boolean;
}

export interface AccessInput {
  smppSystemId?: string | null;
  smppPassword?: string;
  allowedIps?: string[];
  maxBinds?: number;
  throughput?: number | null;
  apiPassword?: string;
}

export interface ApiKey {
  readonly id: number;
  readonly name: string;
  readonly prefix: string;
  readonly ratePerSecond: number | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export type WebhookEvent = 'dlr' | 'mo';

export interface Webhook {
  readonly url: string | null;
  readonly events: WebhookEvent[];
  readonly secretPrefix: string;
  readonly updatedAt: string;
}

export interface WebhookTry {
  readonly attempt: number;
  readonly at: string;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookDelivery {
  readonly id: number;
  readonly event: 'dlr' | 'mo' | 'dlr_url';
  readonly messageId: string | null;
  readonly inboxId: string | null;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: string | null;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly resendOf: number | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly tries: WebhookTry[];
}

export const clientAccess = {
  get: (clientId: number) => http.get<{ access: ClientAccess }>(`/api/admin/clients/${clientId}/access`),
  save: (clientId: number, body: AccessInput) => http.put<{ access: ClientAccess }>(`/api/admin/clients/${clientId}/access`, body),
};

export const apiKeys = {
  list: (clientId: number) => http.get<Items<ApiKey>>(`/api/admin/clients/${clientId}/api-keys`),
  create: (clientId: number, name: string) => http.post<{ apiKey: ApiKey; key: string }>(`/api/admin/clients/${clientId}/api-keys`, { name }),
  revoke: (clientId: number, keyId: number) => http.delete<{ apiKey: ApiKey }>(`/api/admin/clients/${clientId}/api-keys/${keyId}`),
};

export const webhooks = {
  get: (clientId: number) => http.get<{ webhook: Webhook | null }>(`/api/admin/clients/${clientId}/webhook`),
  save: (clientId: number, body: { url: string | null; events: WebhookEvent[] }) => http.put<{ webhook: Webhook; secret?: string }>(`/api/admin/clients/${clientId}/webhook`, body),
  rotateSecret: (clientId: number) => http.post<{ webhook: Webhook; secret: string }>(`/api/admin/clients/${clientId}/webhook/rotate-secret`),
  deliveries: (clientId: number, query: Query) => http.get<Page<WebhookDelivery>>(`/api/admin/clients/${clientId}/webhook/deliveries`, query),
  resend: (clientId: number, body: { from: string; to: string; onlyFailed: boolean }) => http.post<{ resent: number }>(`/api/admin/clients/${clientId}/webhook/resend`, body),
};
