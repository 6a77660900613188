import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database.ts';
import { IntakeBatcher } from '../../src/messaging/intake/intake-batcher.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { commandStatusOf } from '../../src/smpp/submit-to-intake.ts';
import { COMMAND_STATUS } from '@petrel/smpp';
import { addClient, intakeDeps, intakeRequest, startWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});

describe('intake while the database cannot be reached', () => {
  it('refuses as unavailable (HTTP 503, ESME_RSYSERR: send again), storing nothing, and stores again once it can', async () => {
    const c = await addClient(w, 'intake_away');
    // A server that refuses the connection: nothing listens on port 1.
    const away = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://petrel@127.0.0.1:1/petrel', connectionTimeoutMillis: 2_000 }) }) });
    const batcher = new IntakeBatcher(intakeDeps(w, away), systemClock, { maxDelayMs: 1, maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.all([intakeRequest(c.id), intakeRequest(c.id)].map((r) => batcher.submit(r)));
    await batcher.close();
    await away.destroy();
    expect(results).toEqual([
      { ok: false, code: 'unavailable', message: 'the platform cannot reach its database right now; nothing was stored; retry shortly' },
      { ok: false, code: 'unavailable', message: 'the platform cannot reach its database right now; nothing was stored; retry shortly' },
    ]);
    expect(results.map((r) => commandStatusOf(r))).toEqual([COMMAND_STATUS.ESME_RSYSERR, COMMAND_STATUS.ESME_RSYSERR]);
    expect(batcher.counters.failedBatches).toBe(1);

    const back = new IntakeBatcher(intakeDeps(w), systemClock, { maxDelayMs: 1, maxBatch: 10, maxInFlight: 1 });
    const again = await back.submit(intakeRequest(c.id));
    await back.close();
    expect(again.ok).toBe(true);
  });
});
