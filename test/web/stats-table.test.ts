import { describe, expect, it } from 'vitest';
import { type StatsApiRow, statsLines, statsTotals } from '../../web/src/pages/traffic/stats-table.ts';

const row = (over: Partial<StatsApiRow>): StatsApiRow => ({ currency: 'EUR', messages: 1, segments: 1, amount: '0.01', ...over });

describe('the Statistics page’s table', () => {
  const rows = [
    row({ clientId: 1, clientLogin: 'lark', state: 'delivered', messages: 6, segments: 7, amount: '0.06' }),
    row({ clientId: 1, clientLogin: 'lark', state: 'undelivered', messages: 2, segments: 2, amount: '0.02' }),
    row({ clientId: 1, clientLogin: 'lark', state: 'rejected', messages: 2, segments: 2, amount: '0' }),
    row({ clientId: 1, clientLogin: 'lark', state: 'queued', messages: 5, segments: 5, amount: '0.05' }),
    row({ clientId: 2, clientLogin: null, state: 'sent', messages: 3, segments: 3, amount: '0.1' }),
    row({ clientId: 3, clientLogin: 'wren', state: 'expired', messages: 1, segments: 1, amount: '0.2', currency: 'USD' }),
  ];

  it('puts the states of one client into columns, with the delivery rate over final messages and an exact sum of amounts', () => {
    const [lark] = statsLines(rows, 'client');
    expect(lark).toMatchObject({ label: 'lark', currency: 'EUR', messages: 15, segments: 16, delivered: 6, notDelivered: 2, refunded: 2, pending: 5, amount: '0.13' });
    expect(lark?.deliveryRate).toBeCloseTo(0.6, 10);
  });

  it('orders by messages, names a client without a login by its id, and has no rate while nothing is final', () => {
    const lines = statsLines(rows, 'client');
    expect(lines.map((l) => l.label)).toEqual(['lark', '#2', 'wren']);
    expect(lines[1]).toMatchObject({ pending: 3, deliveryRate: null });
  });

  it('never adds amounts of two currencies: one total per currency', () => {
    expect(statsTotals(rows).map((t) => [t.currency, t.messages, t.amount])).toEqual([
      ['EUR', 18, '0.23'],
      ['USD', 1, '0.2'],
    ]);
  });

  it('orders days by date and names vendors, countries and the messages without a vendor', () => {
    expect(statsLines([row({ day: '2026-11-29' }), row({ day: '2026-11-27' }), row({ day: '2026-11-28', messages: 9 })], 'day').map((l) => l.label)).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
    expect(statsLines([row({ vendorId: 0, vendorName: null, messages: 2 }), row({ vendorId: 4, vendorName: 'Carrier A' })], 'vendor').map((l) => l.label)).toEqual(['no vendor', 'Carrier A']);
    expect(statsLines([row({ country: 'UA' })], 'country', (c) => (c === 'UA' ? 'Ukraine' : c))[0]?.label).toBe('Ukraine (UA)');
    expect(statsLines([row({ network: '255-01', networkName: 'Vodafone', messages: 2 }), row({ network: '255-99', networkName: null }), row({ network: '' })], 'network').map((l) => l.label)).toEqual(['Vodafone (255-01)', '255-99', 'the country, no network']);
  });
});
