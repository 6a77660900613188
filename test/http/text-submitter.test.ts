import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { TextSubmitter, type TextRequest } from '../../src/http/rest-v1/texts/text-submitter.ts';
import type { Intake, IntakeRequest, IntakeResult } from '../../src/messaging/intake/intake-request.ts';

/** Answers every part accepted under made-up ids, but refuses the parts to `refuse` as intake refuses a whole text. */
class AnsweringIntake implements Intake {
  readonly seen: IntakeRequest[] = [];
  constructor(
    private nextId: number,
    private readonly refuse: string | undefined = undefined,
  ) {}
  submit(request: IntakeRequest): Promise<IntakeResult> {
    this.seen.push(request);
    if (request.destination === this.refuse) return Promise.resolve({ ok: false, code: 'insufficient_funds', message: 'the balance does not cover it' });
    return Promise.resolve({ ok: true, messageId: String(this.nextId++), state: 'queued', price: new Decimal('0.01') });
  }
}

const text = (o: Partial<TextRequest>): TextRequest => ({
  clientId: 1, channel: 'rest', from: 'Shop', recipients: ['380501234567', '380501234568'], content: { kind: 'text', text: 'x'.repeat(200) },
  isTest: false, scheduledAt: undefined, dlrUrl: null, dlrMask: 0, callbackUrl: 'https://example.com/cb', withViews: true, ...o,
});

describe('the text submitter', () => {
  it('hands intake every part in one go, with one row per text and recipient, shared by its parts and numbered', async () => {
    const intake = new AnsweringIntake(910_001);
    await new TextSubmitter(intake).submit(text({}));
    expect(intake.seen.map((r) => [r.destination, r.textPart, r.textRecord?.parts, r.textRecord?.callbackUrl])).toEqual([
      ['380501234567', 1, 2, 'https://example.com/cb'],
      ['380501234567', 2, 2, 'https://example.com/cb'],
      ['380501234568', 1, 2, 'https://example.com/cb'],
      ['380501234568', 2, 2, 'https://example.com/cb'],
    ]);
    expect(intake.seen[0]?.textRecord).toBe(intake.seen[1]?.textRecord);
    expect(intake.seen[0]?.textRecord).not.toBe(intake.seen[2]?.textRecord);
  });

  it("answers each recipient with its text's first id, parts and price, or with intake's refusal", async () => {
    const intake = new AnsweringIntake(920_001, '380501234568');
    const results = await new TextSubmitter(intake).submit(text({ recipients: ['380501234567', '380501234568', '380501234569'] }));
    expect(results).toEqual([
      { to: '380501234567', ok: true, id: '920001', parts: 2, state: 'queued', price: '0.0200' },
      { to: '380501234568', ok: false, code: 'insufficient_funds', message: 'the balance does not cover it' },
      { to: '380501234569', ok: true, id: '920003', parts: 2, state: 'queued', price: '0.0200' },
    ]);
  });

  it('gives intake no row for a one-part text whose reports need none', async () => {
    const intake = new AnsweringIntake(930_001);
    await new TextSubmitter(intake).submit(text({ content: { kind: 'text', text: 'short' }, callbackUrl: null }));
    expect(intake.seen.map((r) => r.textRecord)).toEqual([undefined, undefined]);
  });
});
