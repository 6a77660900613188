import { describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S, commandStatusName, decodePdu } from '../src/index.ts';
import { c, octets, pdu, tlv, u16, u32, u8 } from './naive-builder.ts';

const smHead = (source: Buffer, dest: Buffer) => [c(''), u8(0), u8(0), source, u8(1), u8(1), dest, u8(0), u8(0), u8(0)];
const smTail = (sched = c(''), validity = c('')) => [sched, validity, u8(0), u8(0), u8(0), u8(0)];
const submit = (...body: Buffer[]) => pdu(0x04, 0, 99, ...body);
const goodSubmit = () => [...smHead(c('src'), c('dst')), ...smTail(), u8(2), octets(0x41, 0x42)];

const CASES: { rule: string; bytes: Buffer; status: number; sequence?: number }[] = [
  { rule: 'a PDU shorter than its header is ESME_RINVCMDLEN', bytes: Buffer.alloc(10), status: S.ESME_RINVCMDLEN, sequence: undefined },
  {
    rule: 'a command_length that disagrees with the frame is ESME_RINVCMDLEN',
    bytes: Buffer.concat([u32(40), u32(0x15), u32(0), u32(3)]),
    status: S.ESME_RINVCMDLEN,
    sequence: 3,
  },
  { rule: 'an unknown command_id is ESME_RINVCMDID', bytes: pdu(0x77, 0, 99), status: S.ESME_RINVCMDID },
  { rule: 'an unknown response id is ESME_RINVCMDID', bytes: pdu(0x80000077, 0, 99), status: S.ESME_RINVCMDID },
  { rule: 'a body on enquire_link is ESME_RINVCMDLEN', bytes: pdu(0x15, 0, 99, u8(0)), status: S.ESME_RINVCMDLEN },
  { rule: 'a truncated submit_sm is ESME_RINVCMDLEN', bytes: submit(...smHead(c('src'), c('dst'))), status: S.ESME_RINVCMDLEN },
  { rule: 'a string cut off by the end of the PDU is ESME_RINVCMDLEN', bytes: submit(c(''), u8(0), u8(0), Buffer.from('abc')), status: S.ESME_RINVCMDLEN },
  { rule: 'system_id over 15 characters is ESME_RINVSYSID', bytes: pdu(0x02, 0, 99, c('x'.repeat(16)), c('pw'), c(''), u8(0x34), u8(0), u8(0), c('')), status: S.ESME_RINVSYSID },
  { rule: 'password over 8 characters is ESME_RINVPASWD', bytes: pdu(0x02, 0, 99, c('sys'), c('123456789'), c(''), u8(0x34), u8(0), u8(0), c('')), status: S.ESME_RINVPASWD },
  { rule: 'system_type over 12 characters is ESME_RINVSYSTYP', bytes: pdu(0x09, 0, 99, c('sys'), c('pw'), c('t'.repeat(13)), u8(0x34), u8(0), u8(0), c('')), status: S.ESME_RINVSYSTYP },
  { rule: 'service_type over 5 characters is ESME_RINVSERTYP', bytes: submit(c('SERVIC'), u8(0)), status: S.ESME_RINVSERTYP },
  { rule: 'source_addr over 20 characters is ESME_RINVSRCADR', bytes: submit(...smHead(c('1'.repeat(21)), c('dst')), ...smTail(), u8(0)), status: S.ESME_RINVSRCADR },
  { rule: 'destination_addr over 20 characters is ESME_RINVDSTADR', bytes: submit(...smHead(c('src'), c('2'.repeat(21))), ...smTail(), u8(0)), status: S.ESME_RINVDSTADR },
  { rule: 'a schedule_delivery_time that is not 16 characters is ESME_RINVSCHED', bytes: submit(...smHead(c('s'), c('d')), ...smTail(c('2401'))), status: S.ESME_RINVSCHED },
  { rule: 'a validity_period over 16 characters is ESME_RINVEXPIRY', bytes: submit(...smHead(c('s'), c('d')), ...smTail(c(''), c('1'.repeat(17)))), status: S.ESME_RINVEXPIRY },
  { rule: 'sm_length over 254 is ESME_RINVMSGLEN', bytes: submit(...smHead(c('s'), c('d')), ...smTail(), u8(255), Buffer.alloc(255)), status: S.ESME_RINVMSGLEN },
  { rule: 'sm_length past the end of the PDU is ESME_RINVMSGLEN', bytes: submit(...smHead(c('s'), c('d')), ...smTail(), u8(10), octets(1, 2)), status: S.ESME_RINVMSGLEN },
  { rule: 'message_id over 64 characters is ESME_RINVMSGID', bytes: pdu(0x80000004, 0, 99, c('m'.repeat(65))), status: S.ESME_RINVMSGID },
  { rule: 'a TLV header cut short is ESME_RINVOPTPARSTREAM', bytes: submit(...goodSubmit(), octets(0x02, 0x0c, 0x00)), status: S.ESME_RINVOPTPARSTREAM },
  { rule: 'a TLV longer than the PDU is ESME_RINVOPTPARSTREAM', bytes: submit(...goodSubmit(), u16(0x020c), u16(9), u16(1)), status: S.ESME_RINVOPTPARSTREAM },
  { rule: 'a typed TLV of the wrong length is ESME_RINVPARLEN', bytes: submit(...goodSubmit(), tlv(0x020c, u8(1))), status: S.ESME_RINVPARLEN },
  { rule: 'a string TLV without its NUL is ESME_RINVOPTPARAMVAL', bytes: submit(...goodSubmit(), tlv(0x001e, Buffer.from('abc'))), status: S.ESME_RINVOPTPARAMVAL },
  { rule: 'submit_multi with no destinations is ESME_RINVNUMDESTS', bytes: pdu(0x21, 0, 99, c(''), u8(0), u8(0), c('src'), u8(0)), status: S.ESME_RINVNUMDESTS },
  { rule: 'a dest_flag other than 1 or 2 is ESME_RINVDESTFLAG', bytes: pdu(0x21, 0, 99, c(''), u8(0), u8(0), c('src'), u8(1), u8(3)), status: S.ESME_RINVDESTFLAG },
  { rule: 'a dl_name over 20 characters is ESME_RINVDLNAME', bytes: pdu(0x21, 0, 99, c(''), u8(0), u8(0), c('src'), u8(1), u8(2), c('d'.repeat(21))), status: S.ESME_RINVDLNAME },
  { rule: 'trailing octets after query_sm are ESME_RINVCMDLEN', bytes: pdu(0x03, 0, 99, c('id'), u8(0), u8(0), c('src'), u8(0)), status: S.ESME_RINVCMDLEN },
];

describe('decode errors carry the right command_status and the sequence number', () => {
  for (const testCase of CASES) {
    const { rule, bytes, status } = testCase;
    const sequence = 'sequence' in testCase ? testCase.sequence : 99;
    it(rule, () => {
      const result = decodePdu(bytes);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(commandStatusName(result.error.commandStatus)).toBe(commandStatusName(status));
      expect(result.error.sequenceNumber).toBe(sequence);
    });
  }

  it('names the command when its id is known so the session can answer with its _resp', () => {
    const result = decodePdu(submit(...smHead(c('s'), c('d'))));
    expect(!result.ok && result.error.command).toBe('submit_sm');
  });

  it('accepts a string of exactly the maximum length', () => {
    const result = decodePdu(pdu(0x02, 0, 1, c('x'.repeat(15)), c('12345678'), c(''), u8(0x34), u8(0), u8(0), c('')));
    expect(result.ok).toBe(true);
  });

  it('accepts a short_message of exactly 254 octets', () => {
    expect(decodePdu(submit(...smHead(c('s'), c('d')), ...smTail(), u8(254), Buffer.alloc(254))).ok).toBe(true);
  });
});
