import type { Clock } from './clock.ts';

/**
 * Keeps a node's leases on the rows it still holds from running out: every third of the lease it
 * calls `renew` with the new end (now + the lease). The caller knows which rows it holds and does
 * nothing when it holds none. A renewal that fails is reported and tried again at the next turn.
 * Used by dispatch (messages on their way to a vendor), the client deliverer (receipts and MO
 * on their way to a client) and the webhook sender (deliveries on their way to an endpoint).
 */
export class LeaseRenewer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly leaseMs: number,
    private readonly clock: Clock,
    private readonly renew: (until: Date) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.turn(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async turn(): Promise<void> {
    try {
      await this.renew(new Date(this.clock.now().getTime() + this.leaseMs));
    } catch (err) {
      this.onError(err);
    }
  }
}
