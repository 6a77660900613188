/**
 * Waits between tries of a delivery: 1, 5, 15, 30 and 60 minutes, so six tries spread over
 * about two hours before a delivery is marked failed (and can be resent from the log).
 */
export const DEFAULT_BACKOFF_MS: readonly number[] = [60_000, 300_000, 900_000, 1_800_000, 3_600_000];

/** The wait after the `failedAttempts`-th failed try (1-based), or undefined when it was the last. */
export function retryDelayMs(failedAttempts: number, schedule: readonly number[] = DEFAULT_BACKOFF_MS): number | undefined {
  if (failedAttempts < 1) return 0;
  return schedule[failedAttempts - 1];
}
