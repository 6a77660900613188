import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../../bench/resilience/crash-run.ts';

// The short version of `npm run test:crash` (20 kills): 3 kills -9 under load, on this run's database.
describe('crash: kill -9 under load, three times', () => {
  it('loses no acknowledged message or text, charges each once, keeps every balance equal to its ledger, reports every text to its dlr-url, and resends only across a crash', async () => {
    const report = await runCrashTest({
      kills: 3,
      databaseUrl: process.env.DATABASE_URL,
      seed: 3,
      binds: 2,
      window: 10,
      ratePerSecond: 200,
      http: { concurrency: 10, ratePerSecond: 60, multipartEvery: 3 },
      killAfterMs: { min: 500, max: 2500 },
      drainTimeoutMs: 120_000,
    });
    expect(report.failures).toEqual([]);
    expect(report.acked).toBeGreaterThan(0);
    expect(report.books.missing).toBe(0);
    expect(report.vendorDuplicates.total).toBe(report.vendorDuplicates.inCrashWindow);
    // The /sendsms texts: acknowledged ones whole, with their rows, and reported to their dlr-url.
    expect(report.http?.acked).toBeGreaterThan(0);
    expect(report.http?.ackedMultipart).toBeGreaterThan(0);
    expect(report.http?.reported).toBe(report.http?.acked);
    expect(report.http?.texts).toEqual({ textsWithoutRow: 0, wrongParts: 0, messagesWithoutText: 0 });
    // Restarted under the same node name (fixed SMPP port), Petrel takes back what the killed
    // process had claimed at once; without that, those messages wait out the 60 s claim lease.
    expect(report.drainSeconds).toBeLessThan(30);
  }, 300_000);
});
