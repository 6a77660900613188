/**
 * Information elements of a User Data Header (TS 23.040 §9.2.3.24). The ones Petrel acts on are
 * typed; every other IE is kept as its raw octets so nothing a peer sent is lost.
 */
import type { NationalLanguage } from './national-language-tables.ts';

export const IEI = {
  CONCATENATION_8: 0x00,
  CONCATENATION_16: 0x08,
  NATIONAL_SINGLE_SHIFT: 0x24,
  NATIONAL_LOCKING_SHIFT: 0x25,
} as const;

export type UdhElement =
  | {
      readonly kind: 'concatenation';
      readonly referenceBits: 8 | 16;
      readonly reference: number;
      readonly total: number;
      readonly sequence: number;
    }
  | { readonly kind: 'national-single-shift'; readonly language: NationalLanguage }
  | { readonly kind: 'national-locking-shift'; readonly language: NationalLanguage }
  | { readonly kind: 'raw'; readonly iei: number; readonly data: Uint8Array };

export type ConcatenationElement = Extract<UdhElement, { kind: 'concatenation' }>;
