import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchMessagesWithin } from '../../src/messaging/message-log.store.ts';
import { AppError } from '../../src/platform/errors.ts';
import { addClient, startWorld, type World } from './support/world.ts';

// PostgreSQL only (vitest.config.ts): PGlite does not enforce statement_timeout.
let world: World;
let clientId: number;
beforeAll(async () => {
  world = await startWorld();
  clientId = (await addClient(world, 'log_many')).id;
  // 200,000 stored messages: a search for a number none of them has reads them all.
  await sql`INSERT INTO messages (client_id, channel, state, source, destination, short_message, text, dlr_deadline)
    SELECT ${clientId}, 'smpp', 'delivered', 'Shop', '38050' || lpad(g::text, 7, '0'), '\\x00'::bytea, 'bulk', now() + interval '1 day'
    FROM generate_series(1, 200000) g`.execute(world.db);
});
afterAll(async () => {
  await world?.stop();
});

describe('the message log’s time limit', () => {
  it('stops a search that reads too long and asks for a narrower one, naming the search', async () => {
    const err = await searchMessagesWithin(world.db, { destination: '49000000000', limit: 50 }, 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'validation_failed', fields: { search: 'too broad: narrow it by client, number or dates' } });
    expect((err as Error).message).toBe('the search read for more than 5 ms; narrow it by client, number or dates');
  });

  it('answers a search that finds its page at once, and leaves the limit to the search alone', async () => {
    const page = await searchMessagesWithin(world.db, { clientId, limit: 50 }, 5_000);
    expect(page.items).toHaveLength(50);
    expect(page.next).toEqual(expect.any(String));
    const { rows } = await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(world.db);
    expect(rows[0]?.statement_timeout).toBe('0');
  });
});
