import { COMMAND_STATUS as S } from '@petrel/smpp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.ts';
import { addClient, bindOwn, one, startWorld, submit, type World } from './support/world.ts';

// Monday 2 March 2026, 10:00 UTC = 12:00 in Kyiv.
const clock = fixedClock(new Date('2026-03-02T10:00:00Z'));
let world: World;
beforeAll(async () => {
  world = await startWorld({}, { clock });
});
afterAll(async () => world?.stop());

const stateOf = (id: string) => one(world.db, sql<{ state: string; not_before: Date; dlr_deadline: Date }>`SELECT state, not_before, dlr_deadline FROM messages WHERE id = ${Number(id)}`);

describe('Time of dispatch', () => {
  it('honours schedule_delivery_time, then the window; refuses an unreadable one with ESME_RINVSCHED', async () => {
    const c = await addClient(world, 'schedule', { settings: { timezone: 'UTC' } });
    const s = await bindOwn(world, c);
    const now = clock.now();
    const later = await submit(s, { scheduleDeliveryTime: '000000020000000R' }); // in 2 hours
    expect(await stateOf(later.id)).toMatchObject({ state: 'scheduled', not_before: new Date(now.getTime() + 2 * 3_600_000) });
    expect((await submit(s, { scheduleDeliveryTime: '261302180000000+' })).status).toBe(S.ESME_RINVSCHED);
    await s.close();
  });

  it('accepts a message outside the window as scheduled, not before the window opens in the client time zone', async () => {
    const c = await addClient(world, 'window', { settings: { timezone: 'Europe/Kyiv', dispatchWindows: [{ from: '18:00', to: '21:00' }], dlrWaitDays: 2 } });
    const s = await bindOwn(world, c);
    const held = await submit(s);
    expect(held.status).toBe(0);
    const m = await stateOf(held.id);
    expect(m.state).toBe('scheduled');
    expect(m.not_before).toEqual(new Date('2026-03-02T16:00:00Z'));
    expect(m.dlr_deadline).toEqual(new Date('2026-03-04T16:00:00Z')); // Days of waiting DLR count from the window
    const stats = await one(world.db, sql<{ messages: number }>`SELECT sum(messages)::int AS messages FROM stats_counts WHERE client_id = ${c.id} AND state = 'scheduled' AND day = '2026-03-02'`);
    expect(stats.messages).toBe(1);

    clock.set(new Date('2026-03-02T16:30:00Z')); // 18:30 in Kyiv: inside
    const now = await submit(s);
    expect((await stateOf(now.id)).state).toBe('queued');
    await s.close();
  });

  it('holds weekend messages until Monday when the window is for weekdays only', async () => {
    const c = await addClient(world, 'weekdays', { settings: { timezone: 'UTC', dispatchWindows: [{ from: '09:00', to: '17:00', days: [1, 2, 3, 4, 5] }] } });
    clock.set(new Date('2026-03-07T12:00:00Z')); // Saturday
    const s = await bindOwn(world, c);
    const m = await stateOf((await submit(s)).id);
    expect(m).toMatchObject({ state: 'scheduled', not_before: new Date('2026-03-09T09:00:00Z') });
    await s.close();
  });

});
