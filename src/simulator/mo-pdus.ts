import { splitMessage, type PduFields, type TextError } from '@petrel/smpp';

export interface MoMessage {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  /** The system_id whose receiver gets it; any bound receiver when omitted. */
  readonly systemId?: string;
}

const UDHI = 0x40;

/** International number / alphanumeric sender / unknown, as a carrier would label them. */
function tonNpi(addr: string): { ton: number; npi: number } {
  if (/^\+?\d{8,15}$/.test(addr)) return { ton: 1, npi: 1 };
  if (/\D/.test(addr)) return { ton: 5, npi: 0 };
  return { ton: 0, npi: 1 };
}

/**
 * The deliver_sm PDUs (esm_class 0) of one MO message: one when it fits a segment, else
 * concatenated parts with an 8-bit reference UDH. GSM 7-bit when every character fits, else UCS-2.
 */
export function moPdus(mo: MoMessage, reference: number): { ok: true; pdus: PduFields<'deliver_sm'>[] } | { ok: false; error: TextError } {
  const split = splitMessage(mo.text, { mode: 'udh8', reference: reference & 0xff });
  if (!split.ok) return split;
  const source = tonNpi(mo.from);
  const destination = tonNpi(mo.to);
  const pdus = split.value.parts.map((part) => ({
    sourceAddrTon: source.ton,
    sourceAddrNpi: source.npi,
    sourceAddr: mo.from.replace(/^\+/, ''),
    destAddrTon: destination.ton,
    destAddrNpi: destination.npi,
    destinationAddr: mo.to.replace(/^\+/, ''),
    esmClass: part.esmClassUdhi ? UDHI : 0,
    dataCoding: split.value.dataCoding,
    shortMessage: part.shortMessage,
  }));
  return { ok: true, pdus };
}
