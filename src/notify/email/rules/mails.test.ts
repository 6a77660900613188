import { describe, expect, it } from 'vitest';
import { localTime, lowBalanceMail, priceUpdateMail } from './mails.ts';

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
});
