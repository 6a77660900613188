import { describe, expect, it } from 'vitest';
import { checkSenderFormat, decideNewSender, isDenied, senderVerdict } from './check-sender.ts';

describe('checkSenderFormat', () => {
  it.each([
    ['Shop', 'alphanumeric'],
    ['MyBank 24', 'alphanumeric'],
    ['ABCDEFGHIJK', 'alphanumeric'],
    ['A.B-C_D&E', 'alphanumeric'],
    ['Info2Go', 'alphanumeric'],
    ['12345', 'numeric'],
    ['+380501234567', 'numeric'],
    ['123456789012345', 'numeric'],
    ['ABCDEFGHIJKL', 'invalid'], // 12 characters
    ['1234567890123456', 'invalid'], // 16 digits
    ['', 'invalid'],
    [' Shop', 'invalid'],
    ['Shop ', 'invalid'],
    ['Магазин', 'invalid'],
    ['Shop@home', 'invalid'],
    ['++123', 'invalid'],
  ])('%j is %s', (name, kind) => {
    expect(checkSenderFormat(name).kind).toBe(kind);
  });

  it('says what is wrong', () => {
    expect(checkSenderFormat('ABCDEFGHIJKL')).toEqual({ kind: 'invalid', reason: 'an alphanumeric sender has at most 11 characters (this one has 12)' });
  });
});

describe('isDenied', () => {
  it.each<[string, string[], boolean]>([
    ['Bank', ['bank'], true],
    ['BANK', ['Bank'], true],
    ['Banks', ['bank'], false],
    ['MyBank1', ['*bank*'], true],
    ['Bankomat', ['bank*'], true],
    ['Shop', ['*bank*'], false],
    ['a.b', ['a*b'], true],
    ['axb', ['a.b'], false],
    ['Shop', [], false],
  ])('%j against %j → %s', (name, list, expected) => {
    expect(isDenied(name, list)).toBe(expected);
  });
});

describe('decideNewSender', () => {
  it.each<['manual' | 'automatic', string, string[], 'approved' | 'pending']>([
    ['manual', 'Shop', [], 'pending'],
    ['automatic', 'Shop', [], 'approved'],
    ['automatic', '+380501234567', [], 'approved'],
    ['automatic', 'PayPal', ['paypal'], 'pending'],
    ['automatic', 'ABCDEFGHIJKL', [], 'pending'],
    ['automatic', 'Shop@home', [], 'pending'],
    ['manual', 'PayPal', ['paypal'], 'pending'],
  ])('%s moderation, %j, deny-list %j → %s', (moderation, name, denylist, expected) => {
    expect(decideNewSender({ moderation, name, denylist })).toBe(expected);
  });
});

describe('senderVerdict', () => {
  it.each([
    [true, undefined, { ok: true }],
    [true, 'denied', { ok: true }],
    [false, 'approved', { ok: true }],
    [false, 'pending', { ok: false, refusal: 'sender_pending' }],
    [false, 'denied', { ok: false, refusal: 'sender_not_approved' }],
    [false, undefined, { ok: false, refusal: 'sender_not_approved' }],
  ] as const)('dynamic sender %s, status %s → %j', (dynamicSender, status, expected) => {
    expect(senderVerdict({ dynamicSender, status })).toEqual(expected);
  });
});
