import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextSubmitter, type TextRequest } from '../../src/http/rest-v1/texts/text-submitter.ts';
import type { Intake, IntakeRequest, IntakeResult } from '../../src/messaging/intake/intake-request.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { startWorld, type World } from '../messaging/support/world.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});

/** Answers every part accepted under made-up ids, saying whether it wrote the text's row as intake would. */
class AnsweringIntake implements Intake {
  readonly seen: IntakeRequest[] = [];
  constructor(
    private nextId: number,
    private readonly recorded: boolean,
  ) {}
  submit(request: IntakeRequest): Promise<IntakeResult> {
    this.seen.push(request);
    return Promise.resolve({ ok: true, messageId: String(this.nextId++), state: 'queued', price: new Decimal('0.01'), textRecorded: this.recorded });
  }
}

const noRefunds = { refund: () => Promise.resolve() };
const text = (o: Partial<TextRequest>): TextRequest => ({
  clientId: 1, channel: 'rest', from: 'Shop', recipients: ['380501234567', '380501234568'], content: { kind: 'text', text: 'x'.repeat(200) },
  isTest: false, scheduledAt: undefined, dlrUrl: null, dlrMask: 0, callbackUrl: 'https://example.com/cb', withViews: false, ...o,
});
const rowsOf = async (ids: readonly number[]) =>
  (await sql<{ id: number; part_ids: number[] }>`SELECT id, part_ids FROM api_texts WHERE id = ANY(${ids}::bigint[]) ORDER BY id`.execute(w.db)).rows.map((r) => ({ id: Number(r.id), part_ids: r.part_ids.map(Number) }));

describe('the text submitter', () => {
  it('hands intake one row per text and recipient, shared by its parts and numbered', async () => {
    const intake = new AnsweringIntake(910_001, true);
    await new TextSubmitter(intake, w.db, noRefunds, systemClock).submit(text({}));
    expect(intake.seen.map((r) => [r.destination, r.textPart, r.textRecord?.parts, r.textRecord?.callbackUrl])).toEqual([
      ['380501234567', 1, 2, 'https://example.com/cb'],
      ['380501234567', 2, 2, 'https://example.com/cb'],
      ['380501234568', 1, 2, 'https://example.com/cb'],
      ['380501234568', 2, 2, 'https://example.com/cb'],
    ]);
    expect(intake.seen[0]?.textRecord).toBe(intake.seen[1]?.textRecord);
    expect(intake.seen[0]?.textRecord).not.toBe(intake.seen[2]?.textRecord);
    // Intake wrote the rows: the submitter writes none.
    expect(await rowsOf([910_001, 910_003])).toEqual([]);
  });

  it('records the texts intake could not write with their parts', async () => {
    const intake = new AnsweringIntake(920_001, false);
    await new TextSubmitter(intake, w.db, noRefunds, systemClock).submit(text({}));
    expect(await rowsOf([920_001, 920_003])).toEqual([
      { id: 920_001, part_ids: [920_001, 920_002] },
      { id: 920_003, part_ids: [920_003, 920_004] },
    ]);
  });

  it('gives intake no row for a one-part text whose reports need none', async () => {
    const intake = new AnsweringIntake(930_001, false);
    await new TextSubmitter(intake, w.db, noRefunds, systemClock).submit(text({ content: { kind: 'text', text: 'short' }, callbackUrl: null }));
    expect(intake.seen.map((r) => r.textRecord)).toEqual([undefined, undefined]);
    expect(await rowsOf([930_001, 930_002])).toEqual([]);
  });
});
