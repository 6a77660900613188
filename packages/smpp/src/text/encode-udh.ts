/**
 * A User Data Header from its IEs: UDHL, then IEI, length and data for each.
 */
import { NATIONAL_LANGUAGES } from './national-language-tables.ts';
import { IEI, type UdhElement } from './udh-element.ts';

function ieData(element: UdhElement): { iei: number; data: readonly number[] | Uint8Array } {
  switch (element.kind) {
    case 'concatenation': {
      const { reference, total, sequence } = element;
      return element.referenceBits === 8
        ? { iei: IEI.CONCATENATION_8, data: [reference & 0xff, total, sequence] }
        : { iei: IEI.CONCATENATION_16, data: [(reference >> 8) & 0xff, reference & 0xff, total, sequence] };
    }
    case 'national-single-shift':
      return { iei: IEI.NATIONAL_SINGLE_SHIFT, data: [NATIONAL_LANGUAGES[element.language].identifier] };
    case 'national-locking-shift':
      return { iei: IEI.NATIONAL_LOCKING_SHIFT, data: [NATIONAL_LANGUAGES[element.language].identifier] };
    case 'raw':
      return { iei: element.iei, data: element.data };
  }
}

export function encodeUdh(elements: readonly UdhElement[]): Buffer {
  const parts = elements.map(ieData);
  const length = parts.reduce((sum, part) => sum + 2 + part.data.length, 0);
  const out = Buffer.allocUnsafe(1 + length);
  out[0] = length;
  let at = 1;
  for (const { iei, data } of parts) {
    out[at++] = iei;
    out[at++] = data.length;
    for (const octet of data) out[at++] = octet;
  }
  return out;
}
