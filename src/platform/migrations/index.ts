import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-operators.ts';
import * as m0002 from './0002-clients.ts';
import * as m0010 from './0010-message-path.ts';
import * as m0020 from './0020-http-api.ts';
import * as m0030 from './0030-stats-moves.ts';
import * as m0031 from './0031-queue-indexes.ts';
import * as m0032 from './0032-validity.ts';
import * as m0033 from './0033-priority-flag.ts';
import * as m0034 from './0034-claim-owner.ts';
import * as m0035 from './0035-vendor-leases.ts';
import * as m0036 from './0036-node-binds.ts';
import * as m0037 from './0037-api-rate-usage.ts';
import * as m0038 from './0038-vendor-lease-binds.ts';
import * as m0039 from './0039-webhook-claim-owner.ts';
import * as m0040 from './0040-client-reports-no-client-key.ts';
import * as m0041 from './0041-webhook-first-try.ts';
import * as m0042 from './0042-statement-guard.ts';
import * as m0043 from './0043-client-settings-version.ts';
import * as m0044 from './0044-ascending-client-indexes.ts';
import * as m0045 from './0045-mail-outbox.ts';

/** Forward-only migrations, applied in name order at start and by `petrel migrate`. Never edit one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001-operators': m0001,
  '0002-clients': m0002,
  '0010-message-path': m0010,
  '0020-http-api': m0020,
  '0030-stats-moves': m0030,
  '0031-queue-indexes': m0031,
  '0032-validity': m0032,
  '0033-priority-flag': m0033,
  '0034-claim-owner': m0034,
  '0035-vendor-leases': m0035,
  '0036-node-binds': m0036,
  '0037-api-rate-usage': m0037,
  '0038-vendor-lease-binds': m0038,
  '0039-webhook-claim-owner': m0039,
  '0040-client-reports-no-client-key': m0040,
  '0041-webhook-first-try': m0041,
  '0042-statement-guard': m0042,
  '0043-client-settings-version': m0043,
  '0044-ascending-client-indexes': m0044,
  '0045-mail-outbox': m0045,
};
