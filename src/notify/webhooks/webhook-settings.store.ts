import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import { randomSecret } from '../../platform/ids.ts';
import type { WebhookEvent } from './tables.ts';

export interface WebhookSettings {
  readonly url: string | null;
  readonly events: WebhookEvent[];
  /** The secret's first characters, so people can tell which one is in use. */
  readonly secretPrefix: string;
  readonly updatedAt: string;
}

const SECRET_PREFIX = 'whsec_';

/** A client's webhook: where DLR and MO go, and the secret that signs every delivery. */
export class WebhookSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(clientId: number): Promise<WebhookSettings | null> {
    const row = await this.db.selectFrom('client_webhooks').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    return row ? view(row) : null;
  }

  /**
   * Saves the URL and events; the first save makes the secret (returned that once). Turning `mo`
   * on starts from the MO received from now on: older ones are in the inbox API.
   */
  async put(clientId: number, url: string | null, events: readonly WebhookEvent[], at: Date): Promise<{ settings: WebhookSettings; secret: string | undefined }> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('client_webhooks').select(['events']).where('client_id', '=', clientId).forUpdate().executeTakeFirst();
      const secret = before ? undefined : newSecret();
      const moFrom = events.includes('mo') && !before?.events.includes('mo');
      const cursor = moFrom ? sql<number>`(SELECT coalesce(max(id), 0) FROM inbox WHERE client_id = ${clientId})` : undefined;
      if (before) {
        await trx
          .updateTable('client_webhooks')
          .set({ url, events: [...events], updated_at: at, ...(cursor ? { mo_cursor: cursor } : {}) })
          .where('client_id', '=', clientId)
          .execute();
      } else {
        await trx
          .insertInto('client_webhooks')
          .values({ client_id: clientId, url, events: [...events], secret: secret as string, updated_at: at, ...(cursor ? { mo_cursor: cursor } : {}) })
          .execute();
      }
      const row = await trx.selectFrom('client_webhooks').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
      return { settings: view(row), secret };
    });
  }

  /** A new secret, returned once; deliveries signed from now on use it. */
  async rotate(clientId: number, at: Date): Promise<{ settings: WebhookSettings; secret: string }> {
    const secret = newSecret();
    await this.db
      .insertInto('client_webhooks')
      .values({ client_id: clientId, url: null, events: [], secret, updated_at: at })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ secret, updated_at: at }))
      .execute();
    const row = await this.db.selectFrom('client_webhooks').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
    return { settings: view(row), secret };
  }
}

function newSecret(): string {
  return SECRET_PREFIX + randomSecret(24);
}

function view(row: { url: string | null; events: WebhookEvent[]; secret: string; updated_at: Date }): WebhookSettings {
  return { url: row.url, events: row.events, secretPrefix: row.secret.slice(0, SECRET_PREFIX.length + 4), updatedAt: new Date(row.updated_at).toISOString() };
}
