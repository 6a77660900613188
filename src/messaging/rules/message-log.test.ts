import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, historyOf, type LoggedMessage, MESSAGE_CSV_COLUMNS, type MessageEvent } from './message-log.ts';

const message = (over: Partial<LoggedMessage> = {}): LoggedMessage => ({
  id: '7',
  clientId: 1,
  clientLogin: 'lark',
  channel: 'smpp',
  source: 'Shop',
  destination: '380501234567',
  country: 'UA',
  text: 'hi',
  segments: 1,
  isTest: false,
  price: '0.010000',
  state: 'delivered',
  errorCode: null,
  vendorId: 2,
  vendorName: 'Carrier B',
  vendorMessageId: 'b-1',
  attempts: 0,
  createdAt: '2026-11-29T10:00:00.000Z',
  notBefore: '2026-11-29T10:00:00.000Z',
  sentAt: '2026-11-29T10:00:01.000Z',
  doneAt: '2026-11-29T10:00:05.000Z',
  ...over,
});
const recorded = (at: string, kind: string, state: string | null, vendorName: string | null = null): MessageEvent => ({ at, kind, state, vendorId: null, vendorName, vendorMessageId: null, errorCode: null, detail: '', recorded: true });
const told = (events: MessageEvent[]) => events.map((e) => [e.kind, e.state, e.vendorName, e.recorded]);

describe('a message’s life as the log tells it', () => {
  it('reads the normal path off the message row: accepted, submitted, its receipt', () => {
    expect(told(historyOf(message(), []))).toEqual([
      ['accepted', null, null, false],
      ['submitted', 'sent', 'Carrier B', false],
      ['receipt', 'delivered', 'Carrier B', false],
    ]);
  });

  it('puts a reroute among them in time order and names the vendor it left', () => {
    const events = historyOf(message(), [recorded('2026-11-29T10:00:00.500Z', 'rerouted', 'queued', 'Carrier A')]);
    expect(told(events)).toEqual([
      ['accepted', null, null, false],
      ['rerouted', 'queued', 'Carrier A', true],
      ['submitted', 'sent', 'Carrier B', false],
      ['receipt', 'delivered', 'Carrier B', false],
    ]);
  });

  it('does not tell twice what the history already holds (an expiry recorded), and says "final" without a vendor id', () => {
    expect(told(historyOf(message({ state: 'expired', sentAt: null, vendorMessageId: null }), [recorded('2026-11-29T10:00:05.000Z', 'expired', 'expired')]))).toEqual([
      ['accepted', null, null, false],
      ['expired', 'expired', null, true],
    ]);
    expect(told(historyOf(message({ state: 'failed', sentAt: null, vendorMessageId: null, vendorName: null }), []))).toEqual([
      ['accepted', null, null, false],
      ['final', 'failed', null, false],
    ]);
  });

  it('leaves a message still waiting at its acceptance', () => {
    expect(told(historyOf(message({ state: 'queued', sentAt: null, doneAt: null }), []))).toEqual([['accepted', null, null, false]]);
  });
});

describe('the message log as CSV', () => {
  it('quotes what needs quoting and keeps a spreadsheet from reading a text as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('writes one line per message in the header’s order', () => {
    const line = csvLine(message({ text: 'Hi, there', errorCode: null, country: null }));
    expect(line.endsWith('\r\n')).toBe(true);
    const cells = line.trimEnd().split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(cells).toHaveLength(MESSAGE_CSV_COLUMNS.length);
    expect(Object.fromEntries(MESSAGE_CSV_COLUMNS.map((c, i) => [c, cells[i]]))).toMatchObject({ id: '7', client: 'lark', destination: '380501234567', country: '', text: '"Hi, there"', price: '0.010000', test: 'false', state: 'delivered', error_code: '', vendor: 'Carrier B' });
  });
});
