/**
 * The pause of a polling loop that `wake()` cuts short: the loop calls `begin()` as a round starts
 * and `for(ms)` after it; a wake that came during the round makes the pause none, so work
 * committed while the loop was busy is not left waiting for the next poll.
 */
export class Pause {
  private woken = false;
  private wakeUp: (() => void) | undefined;

  /** A round starts: what woke the loop so far is being handled by it. */
  begin(): void {
    this.woken = false;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Waits `ms`, or less when woken; not at all when woken since `begin()`. */
  for(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
