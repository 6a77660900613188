import type { FundsAccount } from '../../../billing/rules/can-charge.ts';
import type { DispatchWindow } from '../../../policy/rules/dispatch-window.ts';
import type { Channel } from '../intake-request.ts';

/** What intake needs of a client, re-read in every batch (a right removed while bound counts at once). */
export interface IntakeClient {
  readonly id: number;
  readonly blocked: boolean;
  readonly rights: Readonly<Record<Channel, boolean>>;
  /** ISO 3166-1 alpha-2; national numbers are read in it. */
  readonly country: string | null;
  readonly timezone: string;
  readonly dispatchWindows: readonly DispatchWindow[] | null;
  readonly priority: number;
  readonly blacklistDisabled: boolean;
  readonly dynamicSender: boolean;
  readonly moderation: 'manual' | 'automatic';
  readonly dailyLimit: number | null;
  readonly canSendTests: boolean;
  readonly funds: FundsAccount;
  readonly dlrWaitDays: number;
}
