import { z } from 'zod';
import { amount, bool, countryCode, currencyCode, email, id, int, oneOf, optionalText, phone, text, timeZone } from './field-types.ts';

/** The final DLR states a client may choose for messages whose report never came (message-states.md). */
export const EXPIRED_DLR_STATUSES = ['EXPIRED', 'UNDELIV', 'DELIVRD', 'UNKNOWN', 'REJECTD', 'DELETED'] as const;
export const MODERATION_MODES = ['manual', 'automatic'] as const;

export const LOGIN_MESSAGE = '3–32 characters: letters, digits or _';
export const PASSWORD_MESSAGE = '8–128 characters';
export const PASSWORDS_DIFFER = 'Passwords do not match';
export const PASSWORD_IS_LOGIN = 'must not be the same as the login';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeMessage = 'a time HH:MM from 00:00 to 23:59, e.g. 09:00';
const daysMessage = 'ISO weekdays 1 (Monday) to 7 (Sunday), each at most once';

const dispatchWindow = z
  .strictObject(
    {
      from: z.string({ error: (i) => (i.input === undefined ? 'required' : timeMessage) }).regex(TIME, timeMessage),
      to: z.string({ error: (i) => (i.input === undefined ? 'required' : timeMessage) }).regex(TIME, timeMessage),
      days: z
        .array(int(1, 7, daysMessage), { error: daysMessage })
        .min(1, daysMessage)
        .refine((d) => new Set(d).size === d.length, daysMessage)
        .optional(),
    },
    { error: (i) => (i.code === 'invalid_type' ? 'a window { "from": "09:00", "to": "21:00", "days"?: [1, …, 7] }' : undefined) },
  )
  .refine((w) => w.from !== w.to, { message: 'the window is empty: "from" and "to" are the same', path: ['to'] });

const invoiceDaysMessage = 'days of the month 1–31, each at most once, e.g. [1, 16]';

/**
 * One schema per client field (clients.md), keyed by its JSON key. Required fields are not
 * nullable; optional ones accept null to clear them. Server-only checks (login taken, currency
 * enabled, references exist) are not here: the use cases make them.
 */
export const clientFieldSchemas = {
  login: z.string({ error: (i) => (i.input === undefined ? 'required' : LOGIN_MESSAGE) }).regex(/^[A-Za-z0-9_]{3,32}$/, LOGIN_MESSAGE),
  password: z.string({ error: (i) => (i.input === undefined ? 'required' : PASSWORD_MESSAGE) }).min(8, PASSWORD_MESSAGE).max(128, PASSWORD_MESSAGE),
  passwordConfirm: z.string({ error: (i) => (i.input === undefined ? 'Retype the password' : PASSWORDS_DIFFER) }),
  currency: currencyCode(),
  contactName: text(1, 100),
  phone: phone(),
  email: email(),
  priceUpdateEmail: email(),
  billingEmail: email(),
  managerId: id().nullable(),
  notificationLimit: amount().nullable(),
  moderation: oneOf(MODERATION_MODES, 'manual or automatic'),
  timezone: timeZone(),
  dispatchWindows: z.array(dispatchWindow, { error: 'a list of windows [{ "from": "09:00", "to": "21:00", "days"?: [1, …, 7] }], or null' }).max(20, 'at most 20 windows').nullable(),
  creditLimit: amount().nullable(),
  overdraw: z
    .strictObject(
      {
        amount: amount(),
        until: z.iso
          .datetime({ offset: true, error: (i) => (i.input === undefined ? 'required' : 'a date and time with its offset, e.g. 2026-12-31T23:59:59Z') })
          .transform((v) => new Date(v).toISOString()),
      },
      { error: (i) => (i.code === 'invalid_type' ? '{ "amount": "50.00", "until": "2026-12-31T23:59:59Z" }, or null' : undefined) },
    )
    .nullable(),
  priority: int(0, 100, 'an integer from 0 to 100 (higher goes first)'),
  blacklistDisabled: bool(),
  dynamicSender: bool(),
  moViaSmpp: bool(),
  shortUrls: bool(),
  monthlyPostpaidTopup: amount().nullable(),
  dailyLimit: int(0, 1_000_000_000, 'a whole number of messages ≥ 0, or null for no limit').nullable(),
  canSendTests: bool(),
  dailyStatsEmail: bool(),
  productId: id().nullable(),
  contractNumber: optionalText(100),
  company: optionalText(200),
  companyCredentials: optionalText(2000),
  country: countryCode().nullable(),
  businessType: text(1, 100).nullable(),
  categoryType: text(1, 100).nullable(),
  messenger: optionalText(100),
  dlrWaitDays: int(1, 30, 'an integer from 1 to 30 (days)'),
  expiredDlrStatus: oneOf(EXPIRED_DLR_STATUSES),
  canSendSmpp: bool(),
  canSendHttpApi: bool(),
  canSendWeb: bool(),
  canSendRest: bool(),
  canAddSubaccounts: bool(),
  legalEntityId: id().nullable(),
  invoiceDays: z
    .array(int(1, 31, invoiceDaysMessage), { error: invoiceDaysMessage })
    .max(31, invoiceDaysMessage)
    .refine((d) => new Set(d).size === d.length, invoiceDaysMessage)
    .nullable(),
  sendStats: bool(),
  sendInvoices: bool(),
  sendInvoicesByEmail: bool(),
  comments: optionalText(5000),
} as const;

export type ClientFieldKey = keyof typeof clientFieldSchemas;

/** The fields a create body must hold (clients.md: the ones not marked optional). */
export const REQUIRED_CLIENT_FIELDS = ['login', 'password', 'passwordConfirm', 'currency', 'contactName', 'phone', 'email', 'priceUpdateEmail', 'billingEmail'] as const satisfies readonly ClientFieldKey[];
