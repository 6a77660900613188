import { describe, expect, it } from 'vitest';
import { CliOptionError, simulatorOptionsFromCli, type CliFlags } from './cli-options.ts';

const base: CliFlags = { port: '2776', host: '127.0.0.1', delayMs: '500', dateDigits: '10', tlvs: true };

describe('simulatorOptionsFromCli', () => {
  it('maps the defaults', () => {
    expect(simulatorOptionsFromCli(base)).toEqual({
      host: '127.0.0.1',
      port: 2776,
      messageIdBase: 'decimal',
      receiptDelayMs: 500,
      receiptFormat: { dateDigits: 10, case: 'lower' },
      receiptTlvs: true,
    });
  });

  const cases: ReadonlyArray<[string, Partial<CliFlags>, object]> = [
    ['hex ids', { hexIds: true }, { messageIdBase: 'hex' }],
    ['a delay range', { delayMs: '100-2000' }, { receiptDelayMs: { min: 100, max: 2000 } }],
    ['a mix', { delivered: '0.8', undelivered: '0.2' }, { outcomes: { DELIVRD: 0.8, UNDELIV: 0.2 } }],
    ['12 digits upper case, no TLVs', { dateDigits: '12', upperCase: true, tlvs: false }, { receiptFormat: { dateDigits: 12, case: 'upper' }, receiptTlvs: false }],
    ['throttle', { throttle: '50' }, { throttleAbove: 50 }],
    ['reject share', { rejectShare: '0.1' }, { rejectShare: { share: 0.1 } }],
    ['reject share with codes', { rejectShare: '0.1', rejectStatus: '0x45,20' }, { rejectShare: { share: 0.1, status: [0x45, 20] } }],
    ['drop after', { dropAfter: '100' }, { dropConnectionAfter: 100 }],
    ['credentials', { credentials: 'a:b,c:d:e' }, { credentials: [{ systemId: 'a', password: 'b' }, { systemId: 'c', password: 'd:e' }] }],
    ['window', { window: '50' }, { windowSize: 50 }],
  ];
  it.each(cases)('%s', (_name, flags, expected) => {
    expect(simulatorOptionsFromCli({ ...base, ...flags })).toMatchObject(expected);
  });

  const bad: ReadonlyArray<[Partial<CliFlags>, RegExp]> = [
    [{ port: '70000' }, /--port/],
    [{ port: 'abc' }, /--port/],
    [{ delayMs: '-5' }, /--delay-ms/],
    [{ delayMs: '200-100' }, /backwards/],
    [{ delivered: '0', undelivered: '0' }, /at least one/],
    [{ delivered: '1.5' }, /--delivered/],
    [{ dateDigits: '11' }, /--date-digits/],
    [{ throttle: '0' }, /--throttle/],
    [{ rejectShare: '' }, /--reject-share/],
    [{ rejectShare: '0.1', rejectStatus: 'x' }, /--reject-status/],
    [{ dropAfter: '0' }, /--drop-after/],
    [{ credentials: 'nopassword' }, /--credentials/],
  ];
  it.each(bad)('refuses %j', (flags, message) => {
    expect(() => simulatorOptionsFromCli({ ...base, ...flags })).toThrow(CliOptionError);
    expect(() => simulatorOptionsFromCli({ ...base, ...flags })).toThrow(message);
  });
});
