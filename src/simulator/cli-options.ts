import type { Credentials, SimulatorOptions } from './simulator-options.ts';
import type { OutcomeMix } from './pick-outcome.ts';

/** The `petrel simulator` flags as commander hands them over: strings and booleans. */
export interface CliFlags {
  readonly port: string;
  readonly host: string;
  readonly hexIds?: boolean;
  readonly delayMs: string;
  readonly delivered?: string;
  readonly undelivered?: string;
  readonly expired?: string;
  readonly rejected?: string;
  readonly dateDigits: string;
  readonly upperCase?: boolean;
  readonly tlvs: boolean;
  readonly throttle?: string;
  readonly rejectShare?: string;
  readonly rejectStatus?: string;
  readonly dropAfter?: string;
  readonly credentials?: string;
  readonly window?: string;
}

export class CliOptionError extends Error {}

/** Turns the flags into simulator options, or throws CliOptionError saying which flag is wrong and how. */
export function simulatorOptionsFromCli(flags: CliFlags): SimulatorOptions {
  const port = integer(flags.port, '--port', 0, 65535);
  const delay = delayOf(flags.delayMs);
  const outcomes = outcomesOf(flags);
  return {
    host: flags.host,
    port,
    messageIdBase: flags.hexIds ? 'hex' : 'decimal',
    receiptDelayMs: delay,
    ...(outcomes === undefined ? {} : { outcomes }),
    receiptFormat: { dateDigits: dateDigits(flags.dateDigits), case: flags.upperCase ? 'upper' : 'lower' },
    receiptTlvs: flags.tlvs,
    ...(flags.throttle === undefined ? {} : { throttleAbove: positive(flags.throttle, '--throttle') }),
    ...(flags.rejectShare === undefined ? {} : { rejectShare: { share: share(flags.rejectShare, '--reject-share'), ...statusOf(flags.rejectStatus) } }),
    ...(flags.dropAfter === undefined ? {} : { dropConnectionAfter: integer(flags.dropAfter, '--drop-after', 1, 2 ** 31) }),
    ...(flags.credentials === undefined ? {} : { credentials: credentialsOf(flags.credentials) }),
    ...(flags.window === undefined ? {} : { windowSize: integer(flags.window, '--window', 1, 100_000) }),
  };
}

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new CliOptionError(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new CliOptionError(`${flag} must be a number above 0, not "${value}"`);
  return n;
}

function share(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new CliOptionError(`${flag} must be a share from 0 to 1 (e.g. 0.05), not "${value}"`);
  return n;
}

function dateDigits(value: string): 10 | 12 {
  if (value === '10') return 10;
  if (value === '12') return 12;
  throw new CliOptionError(`--date-digits must be 10 or 12, not "${value}"`);
}

/** "500" or "100-2000" (uniform in the range). */
function delayOf(value: string): number | { min: number; max: number } {
  const range = /^(\d+)-(\d+)$/.exec(value.trim());
  if (range === null) return integer(value, '--delay-ms', 0, 86_400_000);
  const min = Number(range[1]);
  const max = Number(range[2]);
  if (max < min) throw new CliOptionError(`--delay-ms range ${value} runs backwards`);
  return { min, max };
}

/** Any share given replaces the default mix; the ones not given are 0. */
function outcomesOf(flags: CliFlags): OutcomeMix | undefined {
  const given: [keyof OutcomeMix, string | undefined, string][] = [
    ['DELIVRD', flags.delivered, '--delivered'],
    ['UNDELIV', flags.undelivered, '--undelivered'],
    ['EXPIRED', flags.expired, '--expired'],
    ['REJECTD', flags.rejected, '--rejected'],
  ];
  if (given.every(([, value]) => value === undefined)) return undefined;
  const mix: OutcomeMix = {};
  for (const [stat, value, flag] of given) if (value !== undefined) mix[stat] = share(value, flag);
  if (Object.values(mix).every((n) => n === 0)) throw new CliOptionError('at least one of --delivered, --undelivered, --expired, --rejected must be above 0');
  return mix;
}

/** "0x45" or "69", several separated by commas. */
function statusOf(value: string | undefined): { status?: number[] } {
  if (value === undefined) return {};
  const codes = value.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n <= 0 || n > 0xffffffff) throw new CliOptionError(`--reject-status takes command_status codes such as 0x45 or 69, not "${s}"`);
    return n;
  });
  return { status: codes };
}

/** "sys:pass,sys2:pass2"; a password may contain ':' (only the first one splits). */
function credentialsOf(value: string): Credentials[] {
  return value.split(',').map((pair) => {
    const at = pair.indexOf(':');
    if (at <= 0) throw new CliOptionError(`--credentials takes system_id:password pairs separated by commas, not "${pair}"`);
    return { systemId: pair.slice(0, at), password: pair.slice(at + 1) };
  });
}
