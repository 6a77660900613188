import type { ApiKeysTables } from './accounts/api-keys-tables.ts';
import type { ClientAccessTables } from './accounts/client-access-tables.ts';
import type { AccountsTables } from './accounts/tables.ts';
import type { BillingTables } from './billing/tables.ts';
import type { RestApiTables } from './http/rest-v1/tables.ts';
import type { MailTables } from './notify/email/tables.ts';
import type { WebhookTables } from './notify/webhooks/tables.ts';
import type { PolicyTables } from './policy/tables.ts';
import type { RoutingTables } from './routing/tables.ts';

/** Every table of the platform, composed from the tables each module owns. */
export type Database = AccountsTables & ClientAccessTables & RoutingTables & BillingTables & PolicyTables & ApiKeysTables & RestApiTables & WebhookTables & MailTables;
