import type { OutcomeStat } from './pick-outcome.ts';

/**
 * Whether registered_delivery asks for a final receipt of this outcome (SMPP 3.4 §5.2.17, bits
 * 1..0): 01 on success or failure, 10 on failure only, 11 on success only (SMPP 5.0).
 */
export function wantsReceipt(registeredDelivery: number, stat: OutcomeStat): boolean {
  switch (registeredDelivery & 0x03) {
    case 1:
      return true;
    case 2:
      return stat !== 'DELIVRD';
    case 3:
      return stat === 'DELIVRD';
    default:
      return false;
  }
}
