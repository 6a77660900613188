/** Shapes of the admin API's answers, as the panel uses them. */

export type Role = 'admin' | 'manager';

export interface Operator {
  readonly id: number;
  readonly login: string;
  readonly role: Role;
  readonly name: string;
  readonly email?: string;
  readonly disabled?: boolean;
  readonly createdAt?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface Items<T> {
  readonly items: T[];
}

export interface DispatchWindow {
  readonly from: string;
  readonly to: string;
  readonly days?: number[];
}

export interface Overdraw {
  readonly amount: string;
  readonly until: string;
}

/** A client as the API returns it: the clients.md keys (no passwords) and a few read-only facts. */
export interface Client {
  readonly id: number;
  readonly login: string;
  readonly currency: string;
  readonly contactName: string;
  readonly phone: string;
  readonly email: string;
  readonly priceUpdateEmail: string;
  readonly billingEmail: string;
  readonly managerId: number | null;
  readonly notificationLimit: string | null;
  readonly moderation: string;
  readonly timezone: string;
  readonly dispatchWindows: DispatchWindow[] | null;
  readonly creditLimit: string | null;
  readonly overdraw: Overdraw | null;
  readonly priority: number;
  readonly blacklistDisabled: boolean;
  readonly dynamicSender: boolean;
  readonly moViaSmpp: boolean;
  readonly shortUrls: boolean;
  readonly monthlyPostpaidTopup: string | null;
  readonly dailyLimit: number | null;
  readonly canSendTests: boolean;
  readonly dailyStatsEmail: boolean;
  readonly productId: number | null;
  readonly contractNumber: string | null;
  readonly company: string | null;
  readonly companyCredentials: string | null;
  readonly country: string | null;
  readonly businessType: string | null;
  readonly categoryType: string | null;
  readonly messenger: string | null;
  readonly dlrWaitDays: number;
  readonly expiredDlrStatus: string;
  readonly canSendSmpp: boolean;
  readonly canSendHttpApi: boolean;
  readonly canSendWeb: boolean;
  readonly canSendRest: boolean;
  readonly canAddSubaccounts: boolean;
  readonly legalEntityId: number | null;
  readonly invoiceDays: number[] | null;
  readonly sendStats: boolean;
  readonly sendInvoices: boolean;
  readonly sendInvoicesByEmail: boolean;
  readonly comments: string | null;
  readonly status: 'active' | 'blocked';
  readonly blockedReason: string | null;
  readonly balance: string;
  readonly createdAt: string;
  readonly managerLogin: string | null;
  readonly productName: string | null;
  readonly legalEntityName: string | null;
}

export interface Currency {
  readonly id?: number;
  readonly code: string;
  readonly name: string;
  readonly enabled: boolean;
}

export interface NamedItem {
  readonly id: number;
  readonly name: string;
}

export interface LegalEntity {
  readonly id: number;
  readonly name: string;
  readonly address: string | null;
  readonly country: string | null;
  readonly taxNumber: string | null;
  readonly vatNumber: string | null;
  readonly registrationNumber: string | null;
  readonly bankName: string | null;
  readonly bankAccount: string | null;
  readonly swift: string | null;
  readonly invoicePrefix: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface Product {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly defaults: Partial<Record<string, unknown>>;
}

export interface PlatformDefaults {
  readonly moderation: string;
  readonly timezone: string;
  readonly priority: number;
  readonly dlrWaitDays: number;
  readonly expiredDlrStatus: string;
}

export interface HistoryItem {
  readonly id: number;
  readonly entityId?: number;
  readonly action: string;
  readonly field: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly actor: string;
  readonly at: string;
}

/** A row of `GET /api/admin/stats` grouped by one dimension and the state. */
export interface StatsApiRow {
  readonly day?: string;
  readonly clientId?: number;
  readonly clientLogin?: string | null;
  readonly vendorId?: number;
  readonly vendorName?: string | null;
  readonly country?: string;
  readonly network?: string;
  readonly networkName?: string | null;
  readonly state?: string;
  readonly currency: string;
  readonly messages: number;
  readonly segments: number;
  readonly amount: string;
}

export type { LoggedMessage, MessageEvent } from '../../../src/messaging/rules/message-log.ts';
