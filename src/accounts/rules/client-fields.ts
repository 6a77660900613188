import type { ClientFieldKey } from './client-field-schemas.ts';

export type ClientFieldGroup = 'core' | 'financial' | 'rights' | 'company' | 'billing';

/** How the form shows a field. */
export type ClientFieldInput =
  | 'text'
  | 'textarea'
  | 'password'
  | 'email'
  | 'phone'
  | 'currency'
  | 'manager'
  | 'amount'
  | 'select'
  | 'timezone'
  | 'dispatchWindows'
  | 'overdraw'
  | 'integer'
  | 'boolean'
  | 'product'
  | 'country'
  | 'businessType'
  | 'categoryType'
  | 'legalEntity'
  | 'invoiceDays';

export interface ClientFieldMeta {
  readonly key: ClientFieldKey;
  /** The label of the operator's panel (clients.md, "Label in the form"). */
  readonly label: string;
  readonly group: ClientFieldGroup;
  /** Required on create. */
  readonly required: boolean;
  readonly help: string;
  readonly input: ClientFieldInput;
  /** Choices of a `select`. */
  readonly options?: readonly string[];
  /** Shown read-only once the client is saved (the API refuses a change). */
  readonly lockedAfterCreate?: boolean;
  /** Only an admin may set it; a manager's clients are theirs. */
  readonly adminOnly?: boolean;
  /** Default when left out, when it is a fixed one (platform defaults and products come on top). */
  readonly defaultValue?: unknown;
}

const f = (key: ClientFieldKey, label: string, group: ClientFieldGroup, input: ClientFieldInput, help: string, more: Partial<ClientFieldMeta> = {}): ClientFieldMeta => ({
  key,
  label,
  group,
  input,
  help,
  required: false,
  ...more,
});
const req = { required: true } as const;

/** Every client field in the order of the operator's form, with what the form needs to show it. */
export const clientFields: readonly ClientFieldMeta[] = [
  f('login', 'Login', 'core', 'text', "The client's name everywhere in the admin panel and its web-panel sign-in: one word of 3–32 letters, digits or _ (e.g. Orchid_magazine).", req),
  f('password', 'Password', 'core', 'password', 'Web-panel password, 8–128 characters, not the login. The SMPP password is set separately on the profile page.', req),
  f('passwordConfirm', 'Retype password', 'core', 'password', 'Repeat the password to confirm it.', req),
  f('currency', 'Currency', 'core', 'currency', 'Every price, charge, balance and invoice of this client is in it. Cannot be changed after saving.', { ...req, lockedAfterCreate: true }),
  f('contactName', 'First and Last Name', 'core', 'text', 'Contact person, shown on the profile and in e-mails.', req),
  f('phone', 'Phone', 'core', 'phone', 'Contact phone in international format, e.g. +380501234567.', req),
  f('email', 'E-mail', 'core', 'email', 'Receives balance and account notifications (low balance, daily statistics).', req),
  f('priceUpdateEmail', 'E-mail for Price update', 'core', 'email', "Receives every change of this client's prices, with old → new and the date it takes effect.", req),
  f('billingEmail', 'E-mail for Billing', 'core', 'email', 'Receives invoices.', req),
  f('managerId', 'Manager', 'core', 'manager', 'A manager sees and edits only the clients assigned to them.', { adminOnly: true, defaultValue: null }),
  f('notificationLimit', 'Notification limit', 'financial', 'amount', 'When the available balance falls below it, one e-mail goes to E-mail; re-armed once it rises above again.', { defaultValue: null }),
  f('moderation', 'Moderation', 'rights', 'select', 'Sender names: manual = each new name waits for approval; automatic = names passing the rules are approved at once.', { options: ['manual', 'automatic'] }),
  f('timezone', 'Local time', 'core', 'timezone', "The client's day: dispatch window, daily limit, statistics and invoice dates (IANA zone, e.g. Europe/Kyiv)."),
  f('dispatchWindows', 'Time of dispatch', 'rights', 'dispatchWindows', 'Windows HH:MM–HH:MM in Local time, optionally per weekday. Messages outside are held and sent when a window opens. None = any time.', { defaultValue: null }),
  f('creditLimit', 'Allow credit', 'financial', 'amount', 'Permanent credit: the balance may go down to −credit.', { defaultValue: null }),
  f('overdraw', 'Allow overdraw', 'financial', 'overdraw', 'Temporary extra limit on top of credit until the end date; ignored after it.', { defaultValue: null }),
  f('priority', 'SMS priority', 'rights', 'integer', 'Integer 0–100; higher goes first when several clients wait on the same connection.'),
  f('blacklistDisabled', 'Disable Black List', 'rights', 'boolean', 'When on, the platform blacklist is not applied to this client.', { defaultValue: false }),
  f('dynamicSender', 'Dynamic Sender', 'rights', 'boolean', 'When on, any sender name is accepted without registration or moderation.', { defaultValue: false }),
  f('moViaSmpp', 'Send MO SMS via SMPP', 'rights', 'boolean', 'Incoming (MO) messages are delivered as deliver_sm on its receiver/transceiver binds.', { defaultValue: false }),
  f('shortUrls', 'Short URL Feature', 'rights', 'boolean', 'Links in message text are replaced by short links; each click is counted per message.', { defaultValue: false }),
  f('monthlyPostpaidTopup', 'Monthly Postpaid Topup', 'financial', 'amount', "Credited to the balance once per month (first day, client's Local time).", { defaultValue: null }),
  f('dailyLimit', 'Daily limit', 'financial', 'integer', 'Messages per local day; beyond it sending is refused. Empty = unlimited.', { defaultValue: null }),
  f('canSendTests', 'Can SMS Tests', 'rights', 'boolean', 'The client may send test messages (free, capped by a platform quota, shown apart in statistics).', { defaultValue: false }),
  f('dailyStatsEmail', 'Daily mailing of general statistics', 'billing', 'boolean', "Each morning (Local time) an e-mail to E-mail with the previous day's figures.", { defaultValue: false }),
  f('productId', 'Product type', 'company', 'product', "A preset: fills the form's defaults and links the client to the preset's price list.", { defaultValue: null }),
  f('contractNumber', 'Number of contract', 'company', 'text', 'Printed on invoices.', { defaultValue: null }),
  f('company', 'Company', 'company', 'text', 'Printed on invoices; shown in lists.', { defaultValue: null }),
  f('companyCredentials', 'Company Credential', 'company', 'textarea', 'Tax number, address, bank; printed on invoices.', { defaultValue: null }),
  f('country', 'Country', 'company', 'country', 'ISO 3166-1 alpha-2 code, for filters and reports.', { defaultValue: null }),
  f('businessType', 'Business type', 'company', 'businessType', 'A value of the business types list, for filters and reports.', { defaultValue: null }),
  f('categoryType', 'Category type', 'company', 'categoryType', 'A value of the category types list, for filters and reports.', { defaultValue: null }),
  f('messenger', 'Telegram / Teams', 'company', 'text', 'Contact data.', { defaultValue: null }),
  f('dlrWaitDays', 'Days of waiting DLR', 'rights', 'integer', 'After that many days (1–30) without a final delivery report a message gets the Delivery Status below.'),
  f('expiredDlrStatus', 'Delivery Status', 'rights', 'select', 'The final status given to messages whose delivery report never came.', { options: ['EXPIRED', 'UNDELIV', 'DELIVRD', 'UNKNOWN', 'REJECTD', 'DELETED'] }),
  f('canSendSmpp', 'Can Send via SMPP', 'rights', 'boolean', 'When off, a bind from this client is refused.', { defaultValue: true }),
  f('canSendHttpApi', 'Can Send via API', 'rights', 'boolean', 'When off, the HTTP API (sendsms) refuses this client.', { defaultValue: true }),
  f('canSendWeb', 'Can Send from Web', 'rights', 'boolean', "When off, the web panel's sending pages are closed.", { defaultValue: true }),
  f('canSendRest', 'Can Send via RESTAPI', 'rights', 'boolean', 'When off, the JSON REST API refuses this client.', { defaultValue: true }),
  f('canAddSubaccounts', 'Can Add Subaccount', 'rights', 'boolean', "The client may create sub-accounts spending from the parent's balance.", { defaultValue: false }),
  f('legalEntityId', 'Enterprise', 'billing', 'legalEntity', "Which of the operator's legal entities issues this client's invoices.", { defaultValue: null }),
  f('invoiceDays', 'Dates for invoices', 'billing', 'invoiceDays', "Days of the month invoices are generated on (e.g. 1, or 1 and 16); a day past the month's end means its last day.", { defaultValue: null }),
  f('sendStats', 'Send stats', 'billing', 'boolean', 'A statistics report goes with each billing period.', { defaultValue: false }),
  f('sendInvoices', 'Send invoices', 'billing', 'boolean', 'Invoices are generated on the dates above.', { defaultValue: false }),
  f('sendInvoicesByEmail', 'Send to email', 'billing', 'boolean', 'Billing documents are e-mailed to E-mail for Billing.', { defaultValue: false }),
  f('comments', 'Comments', 'company', 'textarea', 'Internal notes; never shown to the client.', { defaultValue: null }),
];

export const clientFieldByKey: Readonly<Record<ClientFieldKey, ClientFieldMeta>> = Object.fromEntries(clientFields.map((m) => [m.key, m])) as Record<ClientFieldKey, ClientFieldMeta>;
