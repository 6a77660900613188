import { z } from 'zod';
import { clientFieldSchemas } from './client-field-schemas.ts';
import { bool, countryCode, isValidIban, optionalEmail, optionalText, phone, text } from './field-types.ts';

/**
 * Schemas of the lists the client form refers to: business and category types, legal entities
 * ("Enterprise"), products (presets) and the platform defaults. Pure, shared with the panel.
 */

/** A business type or a category type. */
export const listItemSchema = z.strictObject({ name: text(1, 100) });
export type ListItemInput = z.input<typeof listItemSchema>;

export const currencyToggleSchema = z.strictObject({ enabled: bool() });

const IBAN_MESSAGE = 'not a valid IBAN (e.g. DE89370400440532013000)';
const SWIFT_MESSAGE = 'a SWIFT/BIC code of 8 or 11 characters, e.g. DEUTDEFF';
const PREFIX_MESSAGE = 'up to 12 letters, digits, - / or _, e.g. PTL-';

const legalEntityFields = {
  name: text(1, 200),
  address: optionalText(500),
  country: countryCode().nullable(),
  taxNumber: optionalText(50),
  vatNumber: optionalText(50),
  registrationNumber: optionalText(50),
  bankName: optionalText(200),
  bankAccount: z
    .string({ error: IBAN_MESSAGE })
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine((v) => v === '' || isValidIban(v), IBAN_MESSAGE)
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  swift: z
    .string({ error: SWIFT_MESSAGE })
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => v === '' || /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), SWIFT_MESSAGE)
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  invoicePrefix: z.string({ error: PREFIX_MESSAGE }).regex(/^[A-Za-z0-9/_-]{0,12}$/, PREFIX_MESSAGE),
  email: optionalEmail(),
  phone: phone().nullable(),
};

/** The operator's own legal entities: they issue invoices (header, bank details, numbering). */
export const legalEntityCreateSchema = z.strictObject({
  ...legalEntityFields,
  address: legalEntityFields.address.optional(),
  country: legalEntityFields.country.optional(),
  taxNumber: legalEntityFields.taxNumber.optional(),
  vatNumber: legalEntityFields.vatNumber.optional(),
  registrationNumber: legalEntityFields.registrationNumber.optional(),
  bankName: legalEntityFields.bankName.optional(),
  bankAccount: legalEntityFields.bankAccount.optional(),
  swift: legalEntityFields.swift.optional(),
  invoicePrefix: legalEntityFields.invoicePrefix.optional(),
  email: legalEntityFields.email.optional(),
  phone: legalEntityFields.phone.optional(),
});
export const legalEntityUpdateSchema = legalEntityCreateSchema.partial();
export type LegalEntityInput = z.input<typeof legalEntityCreateSchema>;
export type LegalEntityUpdateInput = z.input<typeof legalEntityUpdateSchema>;

/** The client fields a product may preset: settings a commercial offer decides, not contact data. */
export const PRODUCT_DEFAULT_KEYS = [
  'currency',
  'moderation',
  'timezone',
  'dispatchWindows',
  'creditLimit',
  'priority',
  'blacklistDisabled',
  'dynamicSender',
  'moViaSmpp',
  'shortUrls',
  'monthlyPostpaidTopup',
  'dailyLimit',
  'canSendTests',
  'dailyStatsEmail',
  'dlrWaitDays',
  'expiredDlrStatus',
  'canSendSmpp',
  'canSendHttpApi',
  'canSendWeb',
  'canSendRest',
  'canAddSubaccounts',
  'legalEntityId',
  'invoiceDays',
  'sendStats',
  'sendInvoices',
  'sendInvoicesByEmail',
  'notificationLimit',
] as const;
export type ProductDefaultKey = (typeof PRODUCT_DEFAULT_KEYS)[number];

type F = typeof clientFieldSchemas;
const productDefaultsShape = Object.fromEntries(PRODUCT_DEFAULT_KEYS.map((k) => [k, clientFieldSchemas[k].optional()])) as {
  [K in ProductDefaultKey]: z.ZodOptional<F[K]>;
};
export const productDefaultsSchema = z.strictObject(productDefaultsShape, { error: 'an object of client fields, e.g. { "currency": "EUR" }' });
export type ProductDefaults = z.output<typeof productDefaultsSchema>;

export const productCreateSchema = z.strictObject({
  name: text(1, 100),
  description: optionalText(1000).optional(),
  defaults: productDefaultsSchema.optional(),
});
/** Any subset; `defaults`, when given, replaces the preset as a whole. */
export const productUpdateSchema = productCreateSchema.partial();
export type ProductInput = z.input<typeof productCreateSchema>;
export type ProductUpdateInput = z.input<typeof productUpdateSchema>;

/** What a client gets for these fields when neither the form nor its product sets them. */
export const platformDefaultsSchema = z.strictObject({
  moderation: clientFieldSchemas.moderation,
  timezone: clientFieldSchemas.timezone,
  priority: clientFieldSchemas.priority,
  dlrWaitDays: clientFieldSchemas.dlrWaitDays,
  expiredDlrStatus: clientFieldSchemas.expiredDlrStatus,
});
export type PlatformDefaults = z.output<typeof platformDefaultsSchema>;

/** Block needs a reason; unblock may give one. */
export const blockSchema = z.strictObject({ reason: text(1, 500) });
export const unblockSchema = z.strictObject({ reason: optionalText(500).optional() });
