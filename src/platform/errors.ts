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
} as const satisfies Record<string, { readonly http: number; readonly smpp?: number }>;

export type ErrorCode = keyof typeof errorRegistry;

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
