import { COMMAND_STATUS } from './command-status.ts';
import { FieldError } from './field-error.ts';
import type { Reader } from './reader.ts';
import { TLV_BY_TAG, TLV_TABLE, type RawTlv, type TlvEntry, type TlvName, type TlvType, type Tlvs } from './tlv-table.ts';
import type { Writer } from './writer.ts';

const { ESME_RINVOPTPARSTREAM, ESME_RINVPARLEN, ESME_RINVOPTPARAMVAL } = COMMAND_STATUS;

/** Shared by every PDU that carries no TLVs, so the common case allocates nothing. */
export const NO_TLVS: Tlvs = Object.freeze({});

/** Reads TLVs up to the end of the PDU (SMPP 3.4 §3.2.4). */
export function readTlvs(r: Reader): Tlvs {
  if (r.remaining === 0) return NO_TLVS;
  const out: Record<string, unknown> = {};
  let unknown: RawTlv[] | undefined;
  while (r.remaining > 0) {
    if (r.remaining < 4) throw new FieldError(ESME_RINVOPTPARSTREAM, 'truncated TLV header');
    const tag = r.int16();
    const length = r.int16();
    if (length > r.remaining) throw new FieldError(ESME_RINVOPTPARSTREAM, `TLV 0x${tag.toString(16)} runs past the PDU`);
    const entry = TLV_BY_TAG.get(tag);
    if (entry === undefined) {
      if (unknown === undefined) out.unknown = unknown = [];
      unknown.push({ tag, value: r.octets(length) });
    } else {
      out[entry.name] = readValue(r, entry, length);
    }
  }
  return out as Tlvs;
}

function readValue(r: Reader, entry: TlvEntry, length: number): unknown {
  const type = entry.type;
  switch (type.kind) {
    case 'int8':
      expectLength(entry, length, 1, 1);
      return r.int8();
    case 'int16':
      expectLength(entry, length, 2, 2);
      return r.int16();
    case 'int32':
      expectLength(entry, length, 4, 4);
      return r.int32();
    case 'network_error_code':
      expectLength(entry, length, 3, 3);
      return { networkType: r.int8(), errorCode: r.int16() };
    case 'octets':
      expectLength(entry, length, type.min, type.max);
      return r.octets(length);
    case 'cstring': {
      expectLength(entry, length, 1, type.max);
      const bytes = r.octets(length);
      const nul = bytes.indexOf(0);
      if (nul !== length - 1) throw new FieldError(ESME_RINVOPTPARAMVAL, `${entry.name} must be one NUL-terminated string`);
      return bytes.toString('latin1', 0, nul);
    }
  }
}

function expectLength(entry: TlvEntry, length: number, min: number, max: number): void {
  if (length < min || length > max) {
    throw new FieldError(ESME_RINVPARLEN, `${entry.name} has length ${length}, expected ${min === max ? min : `${min}..${max}`}`);
  }
}

/** Octets the TLVs take on the wire; throws RangeError for a name or value the table refuses. */
export function tlvsSize(tlvs: Tlvs): number {
  let size = 0;
  for (const name in tlvs) {
    const value = (tlvs as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (name === 'unknown') {
      for (const raw of value as readonly RawTlv[]) size += 4 + raw.value.length;
    } else {
      size += 4 + valueSize(name, value);
    }
  }
  return size;
}

function valueSize(name: string, value: unknown): number {
  const type = tableType(name);
  switch (type.kind) {
    case 'int8':
      return 1;
    case 'int16':
      return 2;
    case 'int32':
      return 4;
    case 'network_error_code':
      return 3;
    case 'cstring':
      if (typeof value !== 'string' || value.length >= type.max) throw new RangeError(`${name} must be a string shorter than ${type.max}`);
      return value.length + 1;
    case 'octets':
      if (!Buffer.isBuffer(value) || value.length < type.min || value.length > type.max) {
        throw new RangeError(`${name} must be a Buffer of ${type.min}..${type.max} octets`);
      }
      return value.length;
  }
}

function tableType(name: string): TlvType {
  const entry = (TLV_TABLE as Record<string, { type: TlvType } | undefined>)[name];
  if (entry === undefined) throw new RangeError(`unknown TLV name ${name}; put raw TLVs in tlvs.unknown`);
  return entry.type;
}

/** Writes TLVs in the object's key order; `unknown` ones go where that key stands. */
export function writeTlvs(w: Writer, tlvs: Tlvs): void {
  for (const name in tlvs) {
    const value = (tlvs as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (name === 'unknown') {
      for (const raw of value as readonly RawTlv[]) writeRaw(w, raw);
    } else {
      writeKnown(w, name as TlvName, value);
    }
  }
}

function writeRaw(w: Writer, raw: RawTlv): void {
  w.int16(raw.tag, 'TLV tag');
  w.int16(raw.value.length, 'TLV length');
  w.octets(raw.value);
}

function writeKnown(w: Writer, name: TlvName, value: unknown): void {
  const { tag, type } = TLV_TABLE[name];
  w.int16(tag, name);
  w.int16(valueSize(name, value), name);
  switch (type.kind) {
    case 'int8':
      return w.int8(value as number, name);
    case 'int16':
      return w.int16(value as number, name);
    case 'int32':
      return w.int32(value as number, name);
    case 'network_error_code': {
      const code = value as { networkType: number; errorCode: number };
      w.int8(code.networkType, name);
      return w.int16(code.errorCode, name);
    }
    case 'cstring':
      return w.cstring(value as string, type.max, name);
    case 'octets':
      return w.octets(value as Buffer);
  }
}
