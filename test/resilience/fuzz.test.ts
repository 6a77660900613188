import { describe, expect, it } from 'vitest';
import { fuzzHttp } from '../../bench/fuzz/fuzz-http-run.ts';
import { fuzzSmpp } from '../../bench/fuzz/fuzz-smpp-run.ts';

// Short versions of bench/fuzz-smpp.ts (1,000,000 PDUs) and bench/fuzz-http.ts (10,000 requests).
describe('fuzz', () => {
  it('survives 20,000 random and mutated PDUs: no crash, no connection left open, memory flat', async () => {
    const run = await fuzzSmpp({ count: 20_000, connections: 20, seed: 20, timeoutMs: 120_000, rssGrowthMb: 128, databaseUrl: process.env.DATABASE_URL });
    expect(run.verdict.failures).toEqual([]);
    expect(run.stats.pdus).toBeGreaterThanOrEqual(20_000);
  }, 240_000);

  it('survives 1,000 malformed HTTP requests: no crash, no 5xx, nothing leaked, no connection left open', async () => {
    const run = await fuzzHttp({ count: 1_000, concurrency: 20, seed: 21, timeoutMs: 120_000, rssGrowthMb: 128, databaseUrl: process.env.DATABASE_URL });
    expect(run.verdict.failures).toEqual([]);
    expect(run.stats.requests).toBe(1_000);
  }, 240_000);
});
