import { describe, expect, it } from 'vitest';
import { normalizeVendorMessageId } from './vendor-message-id.ts';

describe('normalizeVendorMessageId', () => {
  it.each([
    ['0012345', 'decimal', '12345'],
    ['12345', 'decimal', '12345'],
    [' 77 ', 'decimal', '77'],
    ['ABC-1', 'decimal', 'abc-1'],
    ['00aBcD', 'hex', 'abcd'],
    ['ABCD', 'hex', 'abcd'],
    ['0', 'hex', '0'],
    ['12345678901234567890123', 'decimal', '12345678901234567890123'],
    ['Msg-ID-7', 'auto', 'msg-id-7'],
    ['0042', 'auto', '0042'],
  ] as const)('%s (%s) → %s', (id, base, expected) => {
    expect(normalizeVendorMessageId(id, base)).toBe(expected);
  });

  it('makes the id of a submit_sm_resp and of its receipt equal however the vendor pads or cases it', () => {
    expect(normalizeVendorMessageId('0000A1F', 'hex')).toBe(normalizeVendorMessageId('a1f', 'hex'));
    expect(normalizeVendorMessageId('000123', 'decimal')).toBe(normalizeVendorMessageId('123', 'decimal'));
  });
});
