import { describe, expect, it } from 'vitest';
import { wantsReceipt } from './wants-receipt.ts';

describe('wantsReceipt', () => {
  const cases: ReadonlyArray<[number, 'DELIVRD' | 'UNDELIV', boolean]> = [
    [0x00, 'DELIVRD', false],
    [0x00, 'UNDELIV', false],
    [0x01, 'DELIVRD', true],
    [0x01, 'UNDELIV', true],
    [0x02, 'DELIVRD', false],
    [0x02, 'UNDELIV', true],
    [0x03, 'DELIVRD', true],
    [0x03, 'UNDELIV', false],
    [0x11, 'UNDELIV', true], // intermediate-notification bit set as well
    [0x1c, 'DELIVRD', false], // only SME acknowledgement bits
  ];
  it.each(cases)('registered_delivery 0x%s, %s → %s', (rd, stat, expected) => {
    expect(wantsReceipt(rd, stat)).toBe(expected);
  });
});
