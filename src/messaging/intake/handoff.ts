import type { MessageDraft } from './rules/decide-batch.ts';

/**
 * A dispatcher on this node that takes new messages straight from intake (DESIGN.md, "The path of
 * one message"): intake stores them already claimed by this node, so the dispatcher neither polls
 * nor claims them in a statement and a row version of its own. It takes them only while its vendor
 * is bound and its queue in the database is caught up, so they never overtake older messages.
 */
export interface Handoff {
  /** The name the claims carry and how long they last; the dispatcher renews them while it holds them. */
  readonly nodeId: string;
  readonly leaseMs: number;
  /** How many of `wanted` new messages for this vendor it takes now; they stay reserved until settled. */
  reserve(vendorId: number, wanted: number): number;
  /**
   * After the batch ended: `reserved` places are given back, and `messages` (committed, claimed
   * in the insert; none when the batch rolled back) are the dispatcher's to send.
   */
  settle(vendorId: number, reserved: number, messages: readonly HandedMessage[]): void;
}

export type HandedMessage = MessageDraft & { readonly id: number };

/**
 * The vendors whose dispatcher should look in the database now: those that got new messages due
 * now that were not handed over (the handed ones wake their dispatcher themselves; scheduled ones
 * are found by the poll when due).
 */
export function vendorsToWake(accepted: readonly HandedMessage[], handed: readonly HandedMessage[], now: Date): number[] {
  const taken = new Set(handed.map((m) => m.id));
  const due = accepted.filter((m) => !taken.has(m.id) && m.state === 'queued' && m.notBefore.getTime() <= now.getTime());
  return [...new Set(due.map((m) => m.vendorId))];
}

/** What one try of a batch reserved; given back whether the try committed or not. */
export class HandoffReservation {
  private readonly reserved = new Map<number, number>();

  constructor(private readonly handoff: Handoff | undefined) {}

  /** Reserves places for the due queued drafts; answers the indexes of those to store claimed. */
  claim(drafts: readonly MessageDraft[], now: Date): ReadonlySet<number> {
    const picked = new Set<number>();
    if (!this.handoff) return picked;
    const due = new Map<number, number[]>();
    drafts.forEach((d, i) => {
      if (d.state !== 'queued' || d.notBefore.getTime() > now.getTime()) return;
      const list = due.get(d.vendorId) ?? [];
      list.push(i);
      due.set(d.vendorId, list);
    });
    for (const [vendorId, indexes] of due) {
      const granted = this.handoff.reserve(vendorId, indexes.length);
      if (granted === 0) continue;
      this.reserved.set(vendorId, (this.reserved.get(vendorId) ?? 0) + granted);
      for (const i of indexes.slice(0, granted)) picked.add(i);
    }
    return picked;
  }

  /** The claim the insert writes, when there is a dispatcher to hand to. */
  lease(now: Date): { readonly until: Date; readonly by: string } | undefined {
    return this.handoff ? { until: new Date(now.getTime() + this.handoff.leaseMs), by: this.handoff.nodeId } : undefined;
  }

  /** Hands the committed claimed messages over (none after a rollback) and returns every place. */
  settle(committed: readonly HandedMessage[]): void {
    if (!this.handoff) return;
    const byVendor = new Map<number, HandedMessage[]>();
    for (const m of committed) {
      const list = byVendor.get(m.vendorId) ?? [];
      list.push(m);
      byVendor.set(m.vendorId, list);
    }
    for (const [vendorId, reserved] of this.reserved) this.handoff.settle(vendorId, reserved, byVendor.get(vendorId) ?? []);
    this.reserved.clear();
  }
}
