import type { ClientCreate } from './rules/client-schema.ts';

/** Every setting of a client (clients.md), with nothing left out: null where a field is empty. */
export type ClientSettings = Required<Omit<ClientCreate, 'password' | 'passwordConfirm'>>;

export type DispatchWindow = NonNullable<ClientSettings['dispatchWindows']>[number];

/** A client account as the admin API shows it: never a password or its hash. */
export interface Client extends ClientSettings {
  readonly id: number;
  readonly status: 'active' | 'blocked';
  readonly blockedReason: string | null;
  readonly blockedAt: Date | null;
  /** Decimal string in the client's currency. */
  readonly balance: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** For display: the names behind managerId, productId and legalEntityId. */
  readonly managerLogin: string | null;
  readonly productName: string | null;
  readonly legalEntityName: string | null;
}

/** The keys of a client's settings, in the order of the form. */
export const CLIENT_SETTING_KEYS = [
  'login',
  'currency',
  'contactName',
  'phone',
  'email',
  'priceUpdateEmail',
  'billingEmail',
  'managerId',
  'notificationLimit',
  'moderation',
  'timezone',
  'dispatchWindows',
  'creditLimit',
  'overdraw',
  'priority',
  'blacklistDisabled',
  'dynamicSender',
  'moViaSmpp',
  'shortUrls',
  'monthlyPostpaidTopup',
  'dailyLimit',
  'canSendTests',
  'dailyStatsEmail',
  'productId',
  'contractNumber',
  'company',
  'companyCredentials',
  'country',
  'businessType',
  'categoryType',
  'messenger',
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
  'comments',
] as const satisfies readonly (keyof ClientSettings)[];
