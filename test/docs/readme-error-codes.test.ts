import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, errorRegistry } from '../../src/platform/errors.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README lists the SMPP error codes of the registry', () => {
  it.each(REFUSAL_CODES)('%s: status, name and HTTP status as in the registry', (code) => {
    const e = errorRegistry[code];
    const hex = `0x${e.smpp.toString(16).toUpperCase().padStart(8, '0')}`;
    const row = readme.split('\n').find((line) => line.includes(`\`${code}\``) && line.startsWith('|'));
    expect(row, `a README row for ${code}`).toBeDefined();
    expect(row).toContain(`\`${hex}\``);
    expect(row).toContain(`\`${e.smppName}\``);
    expect(row).toContain(`(${e.http})`);
  });
});
