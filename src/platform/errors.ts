/**
 * The one error registry (STYLE.md, habit 5): every refusal has a code, and this table maps it to
 * an HTTP status and, for refusals of a message, to an SMPP command_status.
 */
export const errorRegistry = {
  malformed_request: { http: 400 },
  unauthorized: { http: 401 },
  forbidden: { http: 403 },
  not_found: { http: 404 },
  conflict: { http: 409 },
  login_taken: { http: 409 },
  currency_locked: { http: 409 },
  in_use: { http: 409 },
  validation_failed: { http: 422 },
  too_many_requests: { http: 429 },
  internal: { http: 500 },
  // Not now: the database cannot be reached (a restart, a failover) or the platform is stopping;
  // nothing was done, and the answer carries Retry-After.
  unavailable: { http: 503 },

  // Refusals of a message at intake: nothing is stored or charged (message-states.md). The SMPP
  // command_status is the standard one where it fits, else Petrel's own in the 0x400 range; the
  // README lists the 0x400 codes from this table.
  invalid_destination: { http: 400, smpp: 0x0b, smppName: 'ESME_RINVDSTADR', text: 'the destination is not a valid phone number' },
  invalid_source: { http: 400, smpp: 0x0a, smppName: 'ESME_RINVSRCADR', text: 'the sender (source address) is not valid' },
  blacklisted: { http: 403, smpp: 0x401, smppName: 'PETREL_BLACKLISTED', text: "the destination number is on the platform's blacklist" },
  sender_not_approved: { http: 403, smpp: 0x402, smppName: 'PETREL_SENDER_NOT_APPROVED', text: 'the sender name is not approved for this client' },
  sender_pending: { http: 403, smpp: 0x403, smppName: 'PETREL_SENDER_PENDING', text: "the sender name waits for the operator's moderation" },
  daily_limit: { http: 429, smpp: 0x404, smppName: 'PETREL_DAILY_LIMIT', text: "the client's daily message limit is reached" },
  insufficient_funds: { http: 402, smpp: 0x405, smppName: 'PETREL_INSUFFICIENT_FUNDS', text: 'the balance (with credit and overdraw) does not cover the message' },
  no_route: { http: 422, smpp: 0x406, smppName: 'PETREL_NO_ROUTE', text: 'no route (or no price) for this destination' },
  channel_disabled: { http: 403, smpp: 0x407, smppName: 'PETREL_CHANNEL_DISABLED', text: 'the client may not send through this channel' },
  client_blocked: { http: 403, smpp: 0x408, smppName: 'PETREL_CLIENT_BLOCKED', text: 'the client is blocked' },
  test_quota: { http: 429, smpp: 0x409, smppName: 'PETREL_TEST_QUOTA', text: "the platform's daily quota of test messages is used up (or tests are not allowed)" },
  throttled: { http: 429, smpp: 0x58, smppName: 'ESME_RTHROTTLED', text: 'too many messages per second; slow down and retry' },
} as const satisfies Record<string, { readonly http: number; readonly smpp?: number; readonly smppName?: string; readonly text?: string }>;

export type ErrorCode = keyof typeof errorRegistry;

/** The headers an answer with this code carries: Retry-After for `unavailable` (the database should be back within seconds). */
export function headersOfCode(code: ErrorCode): Readonly<Record<string, string>> | undefined {
  return code === 'unavailable' ? { 'retry-after': '5' } : undefined;
}

/** The codes that refuse one message at intake; each has an SMPP command_status. */
export type RefusalCode = { [K in ErrorCode]: (typeof errorRegistry)[K] extends { readonly smpp: number } ? K : never }[ErrorCode];

export const REFUSAL_CODES = (Object.keys(errorRegistry) as ErrorCode[]).filter((c): c is RefusalCode => 'smpp' in errorRegistry[c]);

/** The SMPP command_status of a message refusal. */
export function smppStatusOf(code: RefusalCode): number {
  return errorRegistry[code].smpp;
}

/** The refusal of an SMPP command_status, when it is one of ours (for logs and the README table). */
export function refusalOfSmppStatus(status: number): RefusalCode | undefined {
  return REFUSAL_CODES.find((c) => errorRegistry[c].smpp === status);
}

/** Field name → what is wrong with it, for every invalid field at once. */
export type FieldErrors = Readonly<Record<string, string>>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors, headers?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }

  get httpStatus(): number {
    return errorRegistry[this.code].http;
  }

  toJSON(): { error: { code: ErrorCode; message: string; fields?: FieldErrors } } {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);

export function validationFailed(fields: FieldErrors): AppError {
  const names = Object.keys(fields);
  return new AppError('validation_failed', `${names.length} invalid field(s): ${names.join(', ')}`, fields);
}
