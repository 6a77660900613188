import { describe, expect, it } from 'vitest';
import { submitFields } from './submit-fields.ts';

const message = { source: 'Shop', sourceTon: 5, sourceNpi: 0, destination: '380501234567', esmClass: 0, dataCoding: 0, shortMessage: Buffer.from('hi'), segments: 1, validUntil: null };
const vendor = { defaultCoding: 'gsm7' as const, sourceTon: null, sourceNpi: null, destTon: 1, destNpi: 1 };

describe('submitFields', () => {
  it('passes a message validity on as an absolute UTC validity_period, and none when it has none', () => {
    expect(submitFields({ ...message, validUntil: new Date(Date.UTC(2026, 10, 27, 9, 5, 7, 300)) }, vendor).fields.validityPeriod).toBe('261127090507300+');
    expect(submitFields(message, vendor).fields.validityPeriod).toBeUndefined();
  });

});
