import { absoluteSmppTime, type PduFields } from '@petrel/smpp';
import { type DefaultCoding, vendorContent } from './vendor-payload.ts';

export interface SubmitSource {
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  /** E.164 digits without '+'. */
  readonly destination: string;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
  readonly segments: number;
  /** Passed on as an absolute validity_period; null sends none. */
  readonly validUntil: Date | null;
}

export interface SubmitVendor {
  readonly defaultCoding: DefaultCoding;
  readonly sourceTon: number | null;
  readonly sourceNpi: number | null;
  readonly destTon: number;
  readonly destNpi: number;
}

/** Ask the vendor for a final receipt, success or failure: Petrel needs every outcome. */
const REGISTERED_DELIVERY_FINAL = 0x01;

/**
 * The submit_sm for a message to a vendor: the vendor's TON/NPI where it sets them, its default
 * alphabet for data_coding 0, and always a request for a receipt. Pure.
 */
export function submitFields(m: SubmitSource, v: SubmitVendor): { fields: PduFields<'submit_sm'>; replaced: number } {
  const content = vendorContent(m, v.defaultCoding);
  const fields: PduFields<'submit_sm'> = {
    sourceAddrTon: v.sourceTon ?? m.sourceTon,
    sourceAddrNpi: v.sourceNpi ?? m.sourceNpi,
    sourceAddr: m.source,
    destAddrTon: v.destTon,
    destAddrNpi: v.destNpi,
    destinationAddr: m.destination,
    esmClass: content.esmClass,
    registeredDelivery: REGISTERED_DELIVERY_FINAL,
    ...(m.validUntil ? { validityPeriod: absoluteSmppTime(m.validUntil) } : {}),
    dataCoding: content.dataCoding,
    shortMessage: content.shortMessage,
    ...(content.messagePayload ? { tlvs: { messagePayload: content.messagePayload } } : {}),
  };
  return { fields, replaced: content.replaced };
}
