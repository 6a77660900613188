import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../../http/validate.ts';
import { checkClientField, type ClientFieldKey, clientCreateSchema, clientFields, clientFieldSchemas, clientUpdateSchema } from './client-schema.ts';

const LOGIN = '3–32 characters: letters, digits or _';
const PASSWORD = '8–128 characters';
const CURRENCY = 'an ISO 4217 currency code, e.g. EUR';
const PHONE = 'not a valid international phone number (E.164, e.g. +380501234567)';
const EMAIL = 'not a valid e-mail address (e.g. name@example.com)';
const ID = 'not a valid id';
const AMOUNT = 'an amount ≥ 0 as a decimal string with at most 4 decimals, e.g. "250.00"';
const BOOL = 'true or false';
const TZ = 'not a known IANA time zone (e.g. Europe/Kyiv)';
const COUNTRY = 'an ISO 3166-1 alpha-2 country code, e.g. UA';
const TIME = 'a time HH:MM from 00:00 to 23:59, e.g. 09:00';
const DAYS = 'ISO weekdays 1 (Monday) to 7 (Sunday), each at most once';
const INVOICE_DAYS = 'days of the month 1–31, each at most once, e.g. [1, 16]';
const DLR = 'one of EXPIRED, UNDELIV, DELIVRD, UNKNOWN, REJECTD, DELETED';

type Case = readonly [value: unknown, message: string | undefined];
const ok = (...values: unknown[]): Case[] => values.map((v) => [v, undefined] as const);
const bad = (message: string, ...values: unknown[]): Case[] => values.map((v) => [v, message] as const);
const amountCases = (nullable: boolean): Case[] => [...ok('0', '250.00', '0.001', '12345678901234.1234'), ...(nullable ? ok(null) : []), ...bad(AMOUNT, 250, '-1', '1.23456', '1,5', 'abc', '', '1e3')];
const boolCases: Case[] = [...ok(true, false), ...bad(BOOL, 'true', 1, null)];
const emailCases: Case[] = [...ok('ops@example.com', 'first.last+tag@sub.example.co'), ...bad(EMAIL, 'nobody', 'a@b', '@example.com', 42, null), ['', EMAIL]];
const idCases: Case[] = [...ok(1, 42, null), ...bad(ID, 0, -3, 1.5, '7')];
const optionalTextCases = (max: number): Case[] => [...ok('x', 'x'.repeat(max), null, ''), ...bad(`at most ${max} characters`, 'x'.repeat(max + 1))];

/** Every field of clients.md, with values that pass and values refused with the message a user reads. */
const cases: Record<ClientFieldKey, Case[]> = {
  login: [...ok('Orchid_magazine', 'abc', 'A'.repeat(32), 'user_01'), ...bad(LOGIN, 'ab', 'A'.repeat(33), 'two words', 'dash-ed', 'ünï', 'a.b', 5, null)],
  password: [...ok('12345678', 'p'.repeat(128), 'with spaces ok'), ...bad(PASSWORD, '1234567', 'p'.repeat(129), 12345678, null)],
  passwordConfirm: [...ok('anything'), ...bad('Passwords do not match', 5, null)],
  currency: [...ok('EUR', 'USD', 'UAH', 'JPY'), ...bad(CURRENCY, 'eur', 'EURO', 'ZZZ', '', 978, null)],
  contactName: [...ok('Ann Lee', 'A', 'x'.repeat(100)), ['', 'required'], ['   ', 'required'], ['x'.repeat(101), '1–100 characters'], [5, '1–100 characters'], [null, '1–100 characters']],
  phone: [...ok('+380501234567', '+12025550123', '+44 20 7946 0958'), ...bad(PHONE, '0501234567', '+1234', '+380 50', 'phone', '', 380501234567, null)],
  email: emailCases,
  priceUpdateEmail: emailCases,
  billingEmail: emailCases,
  managerId: idCases,
  notificationLimit: amountCases(true),
  moderation: [...ok('manual', 'automatic'), ...bad('manual or automatic', 'Manual', 'auto', '', null)],
  timezone: [...ok('UTC', 'Europe/Kyiv', 'America/New_York', 'Asia/Kolkata'), ...bad(TZ, 'Mars/Olympus', '+02:00', 'GMT+2 ', '', 3, null)],
  dispatchWindows: [
    ...ok(null, [], [{ from: '09:00', to: '21:00' }], [{ from: '22:00', to: '06:00', days: [5, 6] }], [{ from: '00:00', to: '23:59', days: [1, 2, 3, 4, 5, 6, 7] }]),
    [[{ from: '9:00', to: '21:00' }], TIME],
    [[{ from: '09:00', to: '24:00' }], TIME],
    [[{ from: '09:00', to: '09:00' }], 'the window is empty: "from" and "to" are the same'],
    [[{ from: '09:00', to: '10:00', days: [] }], DAYS],
    [[{ from: '09:00', to: '10:00', days: [0] }], DAYS],
    [[{ from: '09:00', to: '10:00', days: [1, 1] }], DAYS],
    [[{ from: '09:00' }], 'required'],
    [[{ from: '09:00', to: '10:00', tz: 'UTC' }], 'Unrecognized key: "tz"'],
    [Array.from({ length: 21 }, () => ({ from: '09:00', to: '10:00' })), 'at most 20 windows'],
    [['09:00-21:00'], 'a window { "from": "09:00", "to": "21:00", "days"?: [1, …, 7] }'],
    ['09:00-21:00', 'a list of windows [{ "from": "09:00", "to": "21:00", "days"?: [1, …, 7] }], or null'],
  ],
  creditLimit: amountCases(true),
  overdraw: [
    ...ok(null, { amount: '50.00', until: '2026-12-31T23:59:59Z' }, { amount: '0', until: '2026-12-31T23:59:59+02:00' }),
    [{ amount: '50.00' }, 'required'],
    [{ amount: '-5', until: '2026-12-31T23:59:59Z' }, AMOUNT],
    [{ amount: '5', until: '2026-12-31' }, 'a date and time with its offset, e.g. 2026-12-31T23:59:59Z'],
    ['50.00', '{ "amount": "50.00", "until": "2026-12-31T23:59:59Z" }, or null'],
    [{ amount: '5', until: '2026-12-31T23:59:59Z', note: 'x' }, 'Unrecognized key: "note"'],
  ],
  priority: [...ok(0, 50, 100), ...bad('an integer from 0 to 100 (higher goes first)', -1, 101, 1.5, '5', null)],
  blacklistDisabled: boolCases,
  dynamicSender: boolCases,
  moViaSmpp: boolCases,
  shortUrls: boolCases,
  monthlyPostpaidTopup: amountCases(true),
  dailyLimit: [...ok(0, 1000, 1_000_000_000, null), ...bad('a whole number of messages ≥ 0, or null for no limit', -1, 2.5, '100', 1_000_000_001)],
  canSendTests: boolCases,
  dailyStatsEmail: boolCases,
  productId: idCases,
  contractNumber: optionalTextCases(100),
  company: optionalTextCases(200),
  companyCredentials: optionalTextCases(2000),
  country: [...ok('UA', 'DE', 'US', null), ...bad(COUNTRY, 'ua', 'UKR', 'XX', '', 804)],
  businessType: [...ok('Retail', null), ['', 'required'], ['x'.repeat(101), '1–100 characters'], [7, '1–100 characters']],
  categoryType: [...ok('Marketing', null), ['', 'required'], ['x'.repeat(101), '1–100 characters']],
  messenger: optionalTextCases(100),
  dlrWaitDays: [...ok(1, 3, 30), ...bad('an integer from 1 to 30 (days)', 0, 31, 2.5, '3', null)],
  expiredDlrStatus: [...ok('EXPIRED', 'UNDELIV', 'DELIVRD', 'UNKNOWN', 'REJECTD', 'DELETED'), ...bad(DLR, 'expired', 'DELIVERED', 'ENROUTE', '', null)],
  canSendSmpp: boolCases,
  canSendHttpApi: boolCases,
  canSendWeb: boolCases,
  canSendRest: boolCases,
  canAddSubaccounts: boolCases,
  legalEntityId: idCases,
  invoiceDays: [...ok(null, [], [1], [1, 16], [31]), ...bad(INVOICE_DAYS, [0], [32], [1, 1], [1.5], 'monthly'), [Array.from({ length: 32 }, (_, i) => (i % 31) + 1), INVOICE_DAYS]],
  sendStats: boolCases,
  sendInvoices: boolCases,
  sendInvoicesByEmail: boolCases,
  comments: optionalTextCases(5000),
};

describe('every client field of clients.md', () => {
  it('has a schema, a table of cases and form metadata for each of the 46 fields', () => {
    expect(Object.keys(clientFieldSchemas)).toHaveLength(46);
    expect(Object.keys(cases).sort()).toEqual(Object.keys(clientFieldSchemas).sort());
    expect(clientFields.map((f) => f.key).sort()).toEqual(Object.keys(clientFieldSchemas).sort());
    for (const f of clientFields) expect(f.label.length * f.help.length, f.key).toBeGreaterThan(0);
  });

  for (const [key, table] of Object.entries(cases) as [ClientFieldKey, Case[]][]) {
    it.each(table.map(([value, message]) => ({ value, message, shown: JSON.stringify(value)?.slice(0, 40) })))(`${key}: $shown → $message`, ({ value, message }) => {
      expect(checkClientField(key, value)).toBe(message);
    });
  }
});

describe('normalising what the form sends', () => {
  it.each([
    ['phone', '+380 50 123 45 67', '+380501234567'],
    ['contactName', '  Ann Lee ', 'Ann Lee'],
    ['company', '   ', null],
    ['overdraw', { amount: '5', until: '2026-12-31T23:59:59+02:00' }, { amount: '5', until: '2026-12-31T21:59:59.000Z' }],
  ] as const)('%s %j is kept as %j', (key, input, output) => {
    expect(clientFieldSchemas[key].parse(input)).toEqual(output);
  });
});

const valid = {
  login: 'Orchid_magazine',
  password: 'secret-pass-1',
  passwordConfirm: 'secret-pass-1',
  currency: 'EUR',
  contactName: 'Ann Lee',
  phone: '+380501234567',
  email: 'ann@example.com',
  priceUpdateEmail: 'prices@example.com',
  billingEmail: 'billing@example.com',
};

describe('the create body', () => {
  it('accepts the required fields alone', () => {
    expect(clientCreateSchema.safeParse(valid).success).toBe(true);
  });

  it('reports every missing required field at once', () => {
    const fields = fieldErrorsOf(clientCreateSchema.safeParse({}).error!);
    expect(fields).toEqual({
      login: 'required',
      password: 'required',
      passwordConfirm: 'Retype the password',
      currency: 'required',
      contactName: 'required',
      phone: 'required',
      email: 'required',
      priceUpdateEmail: 'required',
      billingEmail: 'required',
    });
  });

  it('says "Passwords do not match" even when other fields are wrong too', () => {
    const fields = fieldErrorsOf(clientCreateSchema.safeParse({ ...valid, phone: 'nope', passwordConfirm: 'other-pass-1' }).error!);
    expect(fields).toEqual({ phone: PHONE, passwordConfirm: 'Passwords do not match' });
  });

  it('asks to retype a password given without its confirmation', () => {
    const { passwordConfirm: _c, ...rest } = valid;
    expect(fieldErrorsOf(clientCreateSchema.safeParse(rest).error!)).toEqual({ passwordConfirm: 'Retype the password' });
  });

  it('refuses a password equal to the login, letter case aside', () => {
    const fields = fieldErrorsOf(clientCreateSchema.safeParse({ ...valid, password: 'orchid_MAGAZINE', passwordConfirm: 'orchid_MAGAZINE' }).error!);
    expect(fields).toEqual({ password: 'must not be the same as the login' });
  });

  it('refuses unknown keys, naming them', () => {
    expect(fieldErrorsOf(clientCreateSchema.safeParse({ ...valid, balance: '100', pasword: 'x' }).error!)).toEqual({ balance: 'unknown field', pasword: 'unknown field' });
  });
});

describe('the edit body', () => {
  it('accepts any subset, an empty one included, without a password', () => {
    expect(clientUpdateSchema.parse({})).toEqual({});
    expect(clientUpdateSchema.parse({ company: 'Orchid Ltd', dailyLimit: null })).toEqual({ company: 'Orchid Ltd', dailyLimit: null });
  });

  it('does not accept null for a required field', () => {
    expect(fieldErrorsOf(clientUpdateSchema.safeParse({ email: null, login: null }).error!)).toEqual({ email: EMAIL, login: LOGIN });
  });

  it('needs both password fields, and matching', () => {
    expect(fieldErrorsOf(clientUpdateSchema.safeParse({ password: 'new-pass-123' }).error!)).toEqual({ passwordConfirm: 'Retype the password' });
    expect(fieldErrorsOf(clientUpdateSchema.safeParse({ passwordConfirm: 'new-pass-123' }).error!)).toEqual({ password: 'required with passwordConfirm' });
    expect(fieldErrorsOf(clientUpdateSchema.safeParse({ password: 'new-pass-123', passwordConfirm: 'new-pass-124' }).error!)).toEqual({ passwordConfirm: 'Passwords do not match' });
    expect(clientUpdateSchema.safeParse({ password: 'new-pass-123', passwordConfirm: 'new-pass-123' }).success).toBe(true);
  });

  it('refuses unknown keys', () => {
    expect(fieldErrorsOf(clientUpdateSchema.safeParse({ status: 'blocked' }).error!)).toEqual({ status: 'unknown field' });
  });
});
