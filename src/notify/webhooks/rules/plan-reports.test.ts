import { describe, expect, it } from 'vitest';
import type { MessageState } from '../../../messaging/rules/message-states.ts';
import { type PartRow, planProgress, planReports, type ReportedText } from './plan-reports.ts';

const now = new Date('2030-01-01T12:00:00Z');
const part = (id: number, state: MessageState, over: Partial<PartRow> = {}): PartRow => ({
  id,
  clientId: 7,
  channel: 'rest',
  state,
  errorCode: null,
  source: 'Shop',
  destination: '380501234567',
  price: '0.01',
  isTest: false,
  createdAt: new Date(now.getTime() - 60_000),
  sentAt: new Date(now.getTime() - 50_000),
  doneAt: state === 'sent' || state === 'queued' ? null : new Date(now.getTime() - 1_000),
  ...over,
});
const text = (over: Partial<ReportedText> = {}): ReportedText => ({ id: 10, clientId: 7, channel: 'rest', partIds: [10, 11], status: 'accepted', dlrUrl: null, dlrMask: 0, callbackUrl: null, owedBits: 0, ...over });
const hook = new Map([[7, { url: 'https://client.example/hook', events: ['dlr', 'mo'] }]]);

function plan(parts: PartRow[], t: ReportedText | undefined, reported = [10]) {
  const textOf = new Map<number, ReportedText>();
  if (t) for (const id of t.partIds) textOf.set(id, t);
  return planReports({ reports: reported.map((messageId, i) => ({ id: 100 + i, clientId: 7, messageId })), textOf, parts: new Map(parts.map((p) => [p.id, p])), webhooks: hook, now });
}

describe('one report per text', () => {
  it('waits while a part is on its way, folding the first part’s report into the text', () => {
    const p = plan([part(10, 'delivered'), part(11, 'sent')], text());
    expect(p).toEqual({ deliveries: [], done: [100], cleared: [] });
  });

  it('reports the text once every part is final, with the worst state, to the webhook', () => {
    const p = plan([part(10, 'delivered'), part(11, 'undelivered', { errorCode: 34 })], text(), [11]);
    expect(p.deliveries).toHaveLength(1);
    expect(p.deliveries[0]).toMatchObject({ event: 'dlr', dedupeKey: 'dlr:10', messageId: 10, method: 'POST', url: 'https://client.example/hook' });
    expect(JSON.parse(p.deliveries[0]?.body ?? '')).toMatchObject({ messageId: '10', state: 'undelivered', errorCode: 34, parts: 2, price: '0.0200' });
  });

  it('prefers the message’s callbackUrl, and sends nothing without any URL', () => {
    expect(plan([part(10, 'delivered'), part(11, 'delivered')], text({ callbackUrl: 'https://cb.example/x' })).deliveries[0]?.url).toBe('https://cb.example/x');
    const noHook = planReports({ reports: [{ id: 1, clientId: 8, messageId: 10 }], textOf: new Map([[10, text({ clientId: 8, partIds: [10] })]]), parts: new Map([[10, part(10, 'delivered', { clientId: 8 })]]), webhooks: hook, now });
    expect(noHook).toEqual({ deliveries: [], done: [1], cleared: [] });
  });

  it('calls the dlr-url only for states in the mask, placeholders filled', () => {
    const t = text({ channel: 'http', partIds: [10], dlrUrl: 'http://h/d?s=%d&id=%i', dlrMask: 1 });
    expect(plan([part(10, 'delivered', { channel: 'http' })], t).deliveries.map((d) => d.url)).toEqual(['http://h/d?s=1&id=10']);
    expect(plan([part(10, 'expired', { channel: 'http' })], t).deliveries).toEqual([]);
  });

  it('says nothing for a text cancelled at intake', () => {
    expect(plan([part(10, 'deleted'), part(11, 'deleted')], text({ status: 'cancelled' }), [10, 11]).deliveries).toEqual([]);
  });

  it('reports a message without a text row on its own at once, however young (intake writes every text row with its parts)', () => {
    const young = plan([part(10, 'delivered', { createdAt: new Date(now.getTime() - 1_000) })], undefined);
    expect(young.done).toEqual([100]);
    expect(young.deliveries.map((d) => d.dedupeKey)).toEqual(['dlr:10']);
    const old = plan([part(10, 'delivered')], undefined);
    expect(old.deliveries.map((d) => d.dedupeKey)).toEqual(['dlr:10']);
    const smppAlike = plan([part(10, 'delivered', { channel: 'web', createdAt: now })], undefined);
    expect(smppAlike.deliveries.map((d) => d.dedupeKey)).toEqual(['dlr:10']);
  });
});

describe('dlr-mask 4 and 8', () => {
  const owed = (bits: number, over: Partial<ReportedText> = {}) => text({ channel: 'http', partIds: [10, 11], dlrUrl: 'http://h/?s=%d', dlrMask: 31, owedBits: bits, ...over });

  it('reports 4 at once and 8 when every part is sent', () => {
    const waiting = planProgress([owed(12)], new Map([[10, part(10, 'sent')], [11, part(11, 'queued', { sentAt: null })]]), now);
    expect(waiting.deliveries.map((d) => d.url)).toEqual(['http://h/?s=4']);
    expect(waiting.cleared).toEqual([{ id: 10, bits: 4 }]);
    const sent = planProgress([owed(8)], new Map([[10, part(10, 'sent')], [11, part(11, 'sent')]]), now);
    expect(sent.deliveries.map((d) => [d.url, d.dedupeKey])).toEqual([['http://h/?s=8', 'dlr_url:10:8']]);
  });

  it('sends what is still owed before the final report when the text ends first', () => {
    const t = owed(12);
    const p = plan([part(10, 'delivered'), part(11, 'delivered')], t, [11]);
    expect(p.deliveries.map((d) => d.url)).toEqual(['http://h/?s=4', 'http://h/?s=8', 'http://h/?s=1']);
    expect(p.cleared).toEqual([{ id: 10, bits: 12 }]);
  });

  it('owes no 8 when a part ended without being sent', () => {
    const p = planProgress([owed(8)], new Map([[10, part(10, 'sent')], [11, part(11, 'failed', { sentAt: null })]]), now);
    expect(p).toEqual({ deliveries: [], cleared: [{ id: 10, bits: 8 }] });
  });
});
