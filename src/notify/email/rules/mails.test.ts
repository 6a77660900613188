import { describe, expect, it } from 'vitest';
import { dailyStatsMail, localTime, lowBalanceMail, priceUpdateMail } from './mails.ts';

const lark = { login: 'Lark_Books', contactName: 'Olena Koval', currency: 'EUR', timezone: 'Europe/Kyiv' };

describe('client mails', () => {
  it('shows a moment in the client’s own time zone', () => {
    expect(localTime(new Date('2026-12-09T22:30:00Z'), 'Europe/Kyiv')).toBe('2026-12-10 00:30 (Europe/Kyiv)');
    expect(localTime(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01 08:00 (America/New_York)');
    expect(localTime(new Date('2026-07-01T00:05:00Z'), 'UTC')).toBe('2026-07-01 00:05 (UTC)');
  });

  it('tells a price change: old → new, per part, and when it takes effect', () => {
    const later = priceUpdateMail('prices@lark.example', lark, { destination: 'Ukraine — Vodafone', before: '0.015', after: '0.012', effectiveFrom: new Date('2026-12-09T22:00:00Z'), immediate: false });
    expect(later.to).toBe('prices@lark.example');
    expect(later.subject).toBe('Price change for Ukraine — Vodafone: 0.0150 EUR → 0.0120 EUR from 2026-12-10');
    expect(later.body).toContain('Hello Olena Koval,');
    expect(later.body).toContain('(account Lark_Books)');
    expect(later.body).toContain('  Price until now:  0.0150 EUR per message part');
    expect(later.body).toContain('  New price:        0.0120 EUR per message part');
    expect(later.body).toContain('  Takes effect:     2026-12-10 00:00 (Europe/Kyiv)');
    const first = priceUpdateMail('p@x.example', lark, { destination: 'Germany', before: null, after: '0.07', effectiveFrom: new Date('2026-12-07T10:00:00Z'), immediate: true });
    expect(first.subject).toBe('Price change for Germany: none → 0.0700 EUR');
    expect(first.body).toContain('  Price until now:  none per message part');
    expect(first.body).toContain('  Takes effect:     now (2026-12-07 12:00 (Europe/Kyiv))');
  });

  it('tells a low balance with the amount available and the limit, as exact decimals', () => {
    const m = lowBalanceMail('ops@lark.example', lark, '4.5', '5');
    expect(m.subject).toBe('Low balance: 4.50 EUR available on Lark_Books');
    expect(m.body).toContain('are 4.50 EUR,\nbelow your notification limit of 5.00 EUR.');
    expect(lowBalanceMail('ops@lark.example', lark, '-12.345678', '0').subject).toBe('Low balance: -12.345678 EUR available on Lark_Books');
  });

  it('sums a day’s counters as the statistics page does, tests apart, countries by messages', () => {
    const row = (country: string, state: string, messages: number, amount: string, isTest = false) => ({ country, state, isTest, messages, segments: messages + 1, amount });
    const m = dailyStatsMail('ops@lark.example', lark, '2026-12-06', [
      row('UA', 'delivered', 1200, '18.000000'),
      row('UA', 'undelivered', 40, '0.600000'),
      row('UA', 'expired', 10, '0.150000'),
      row('DE', 'delivered', 300, '21.000000'),
      row('DE', 'rejected', 20, '0'),
      row('DE', 'sent', 30, '2.100000'),
      row('UA', 'delivered', 5, '0', true),
    ]);
    expect(m.subject).toBe('Your messages on 2026-12-06: 1,600 sent, 95.5 % delivered');
    expect(m.body).toContain('the figures of your account Lark_Books for 2026-12-06 (Europe/Kyiv):');
    expect(m.body).toContain('  Messages:        1,600 (1,606 parts)');
    expect(m.body).toContain('  Delivered:       1,500 (95.5 % of those with a final state)');
    expect(m.body).toContain('  Not delivered:   50');
    expect(m.body).toContain('  Refunded:        20 (rejected, failed or cancelled)');
    expect(m.body).toContain('  In progress:     30');
    expect(m.body).toContain('  Charged:         41.85 EUR');
    expect(m.body).toContain('  By country:\n    UA   1,250\n    DE   350');
    expect(m.body).toContain('  Test messages (free): 5');
  });

  it('says so when nothing was sent that day', () => {
    const m = dailyStatsMail('ops@lark.example', lark, '2026-12-06', []);
    expect(m.subject).toBe('Your messages on 2026-12-06: 0 sent, — delivered');
    expect(m.body).toContain('  No message was sent that day.');
    expect(m.body).not.toContain('Test messages');
  });
});
