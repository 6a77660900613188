import { describe, expect, it } from 'vitest';
import { normalizeMsisdn } from './normalize-msisdn.ts';

describe('normalizeMsisdn', () => {
  it.each<[string, string | undefined]>([
    ['380501234567', '380501234567'],
    ['+380501234567', '380501234567'],
    ['+380 50 123-45-67', '380501234567'],
    ['(380) 50.123.45.67', '380501234567'],
    ['00380501234567', '380501234567'],
    ['  +14155550123  ', '14155550123'],
    ['1234567', '1234567'],
    ['123456', undefined], // too short
    ['1234567890123456', undefined], // 16 digits
    ['0501234567', undefined], // national: no country
    ['+38050abc', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMsisdn(input)).toBe(expected);
  });
});
