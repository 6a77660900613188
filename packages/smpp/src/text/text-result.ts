/**
 * What the text functions return instead of throwing: a result the caller must look at, and a
 * typed error whose `kind` says which rule refused. Decoding input from a peer is never a crash.
 */
import type { Coding, WireCharset } from './coding.ts';

export type TextError =
  | { readonly kind: 'unrepresentable-character'; readonly coding: Coding | WireCharset; readonly character: string; readonly index: number }
  | { readonly kind: 'unknown-data-coding'; readonly dataCoding: number }
  | { readonly kind: 'unsupported-data-coding'; readonly dataCoding: number; readonly reason: string }
  | { readonly kind: 'binary-content'; readonly dataCoding: number }
  | { readonly kind: 'invalid-bytes'; readonly charset: WireCharset; readonly offset: number; readonly reason: string }
  | { readonly kind: 'malformed-udh'; readonly offset: number; readonly reason: string }
  | { readonly kind: 'invalid-reference'; readonly reference: number; readonly max: number }
  | { readonly kind: 'too-many-segments'; readonly segments: number; readonly max: number }
  | { readonly kind: 'payload-too-long'; readonly octets: number; readonly max: number }
  | { readonly kind: 'invalid-part'; readonly reason: string };

export type TextErrorKind = TextError['kind'];

export type TextResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TextError };

export const ok = <T>(value: T): TextResult<T> => ({ ok: true, value });

export const fail = <T = never>(error: TextError): TextResult<T> => ({ ok: false, error });
