import { splitMessage } from '@petrel/smpp';
import type { PendingMo } from '../client-reports.store.ts';

export interface MoDeliverSm {
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly destAddrTon: number;
  readonly destAddrNpi: number;
  readonly destinationAddr: string;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
}

const ESM_UDHI = 0x40;

/**
 * The deliver_sm PDUs of an MO (esm_class 0): one when the text fits, else concatenated parts
 * with an 8-bit reference in their UDH. GSM 7-bit when every character fits, else UCS-2.
 */
export function moDeliverSms(mo: PendingMo, reference: number): MoDeliverSm[] {
  const split = splitMessage(mo.text, { mode: 'udh8', reference: reference & 0xff });
  const address = {
    sourceAddrTon: /^\+?\d+$/.test(mo.source) ? 1 : 5,
    sourceAddrNpi: /^\+?\d+$/.test(mo.source) ? 1 : 0,
    sourceAddr: mo.source.replace(/^\+/, ''),
    destAddrTon: /^\+?\d{7,}$/.test(mo.destination) ? 1 : 0,
    destAddrNpi: 1,
    destinationAddr: mo.destination.replace(/^\+/, ''),
  };
  if (!split.ok) return [{ esmClass: 0, dataCoding: 0x08, shortMessage: Buffer.from(mo.text, 'utf16le').swap16(), ...address }];
  return split.value.parts.map((p) => ({ esmClass: p.esmClassUdhi ? ESM_UDHI : 0, dataCoding: split.value.dataCoding, shortMessage: p.shortMessage, ...address }));
}
