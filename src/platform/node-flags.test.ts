import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from './node-flags.ts';

describe('the Node.js flags the platform runs with', () => {
  it('are the ones npm start passes', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    const flags = pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
    expect(flags).toEqual([...NODE_FLAGS]);
  });
});
