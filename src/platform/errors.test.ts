import { describe, expect, it } from 'vitest';
import { errorRegistry, REFUSAL_CODES, refusalOfSmppStatus, smppStatusOf } from './errors.ts';

describe('the refusal codes of a message', () => {
  it.each([
    ['invalid_destination', 0x0b, 'ESME_RINVDSTADR'],
    ['invalid_source', 0x0a, 'ESME_RINVSRCADR'],
    ['blacklisted', 0x401, 'PETREL_BLACKLISTED'],
    ['sender_not_approved', 0x402, 'PETREL_SENDER_NOT_APPROVED'],
    ['sender_pending', 0x403, 'PETREL_SENDER_PENDING'],
    ['daily_limit', 0x404, 'PETREL_DAILY_LIMIT'],
    ['insufficient_funds', 0x405, 'PETREL_INSUFFICIENT_FUNDS'],
    ['no_route', 0x406, 'PETREL_NO_ROUTE'],
    ['channel_disabled', 0x407, 'PETREL_CHANNEL_DISABLED'],
    ['client_blocked', 0x408, 'PETREL_CLIENT_BLOCKED'],
    ['test_quota', 0x409, 'PETREL_TEST_QUOTA'],
    ['throttled', 0x58, 'ESME_RTHROTTLED'],
  ] as const)('%s → command_status 0x%s (%s)', (code, status, name) => {
    expect(smppStatusOf(code)).toBe(status);
    expect(errorRegistry[code].smppName).toBe(name);
    expect(refusalOfSmppStatus(status)).toBe(code);
  });

  it('gives every refusal its own command_status, Petrel’s own in the 0x400 range, and an HTTP status', () => {
    const statuses = REFUSAL_CODES.map(smppStatusOf);
    expect(new Set(statuses).size).toBe(statuses.length);
    for (const code of REFUSAL_CODES) {
      const e = errorRegistry[code];
      expect(e.smppName.startsWith('ESME_') || (e.smpp >= 0x400 && e.smpp < 0x500)).toBe(true);
      expect(e.http).toBeGreaterThanOrEqual(400);
      expect(e.text.length).toBeGreaterThan(10);
    }
    expect(refusalOfSmppStatus(0x45)).toBeUndefined();
  });
});
