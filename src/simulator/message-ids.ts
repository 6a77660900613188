/**
 * Message ids as a carrier hands them out: a counter written in decimal or hex. It starts from
 * the clock (milliseconds × 1000) so ids stay unique across restarts of the simulator, as the
 * platform matches receipts by (vendor connection, vendor id).
 */
export type MessageIdBase = 'decimal' | 'hex';

export class MessageIds {
  private next: number;

  constructor(
    private readonly base: MessageIdBase,
    first: number,
  ) {
    if (!Number.isSafeInteger(first) || first < 0) throw new RangeError('the first message id must be a safe integer ≥ 0');
    this.next = first;
  }

  take(): string {
    const id = this.next++;
    return this.base === 'hex' ? id.toString(16) : String(id);
  }
}
