import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Client, ClientSettings } from './client.ts';
import type { ClientsTable } from './client-tables.ts';
import { formatAmount, formatAmountOrNull } from './rules/format-amount.ts';

/** The ids behind a client's list values, resolved by the use case. */
export interface ClientListIds {
  readonly businessTypeId: number | null;
  readonly categoryTypeId: number | null;
}

/** A client row joined with the names it refers to (client.store.ts selects them). */
export type JoinedClientRow = Selectable<ClientsTable> & {
  readonly manager_login: string | null;
  readonly product_name: string | null;
  readonly legal_entity_name: string | null;
  readonly business_type: string | null;
  readonly category_type: string | null;
};

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** Column values for the settings given; keys left out stay as they are. */
export function settingsToColumns(s: Partial<ClientSettings>, ids: Partial<ClientListIds> = {}): Updateable<ClientsTable> {
  const col: Updateable<ClientsTable> = {
    login: s.login,
    currency: s.currency,
    contact_name: s.contactName,
    phone: s.phone,
    email: s.email,
    price_update_email: s.priceUpdateEmail,
    billing_email: s.billingEmail,
    manager_id: s.managerId,
    notification_limit: s.notificationLimit,
    moderation: s.moderation,
    timezone: s.timezone,
    dispatch_windows: s.dispatchWindows === undefined ? undefined : json(s.dispatchWindows),
    credit_limit: s.creditLimit,
    overdraw_amount: s.overdraw === undefined ? undefined : (s.overdraw?.amount ?? null),
    overdraw_until: s.overdraw === undefined ? undefined : s.overdraw ? new Date(s.overdraw.until) : null,
    priority: s.priority,
    blacklist_disabled: s.blacklistDisabled,
    dynamic_sender: s.dynamicSender,
    mo_via_smpp: s.moViaSmpp,
    short_urls: s.shortUrls,
    monthly_postpaid_topup: s.monthlyPostpaidTopup,
    daily_limit: s.dailyLimit,
    can_send_tests: s.canSendTests,
    daily_stats_email: s.dailyStatsEmail,
    product_id: s.productId,
    contract_number: s.contractNumber,
    company: s.company,
    company_credentials: s.companyCredentials,
    country: s.country,
    business_type_id: ids.businessTypeId,
    category_type_id: ids.categoryTypeId,
    messenger: s.messenger,
    dlr_wait_days: s.dlrWaitDays,
    expired_dlr_status: s.expiredDlrStatus,
    can_send_smpp: s.canSendSmpp,
    can_send_http_api: s.canSendHttpApi,
    can_send_web: s.canSendWeb,
    can_send_rest: s.canSendRest,
    can_add_subaccounts: s.canAddSubaccounts,
    legal_entity_id: s.legalEntityId,
    invoice_days: s.invoiceDays === undefined ? undefined : json(s.invoiceDays),
    send_stats: s.sendStats,
    send_invoices: s.sendInvoices,
    send_invoices_by_email: s.sendInvoicesByEmail,
    comments: s.comments,
  };
  return Object.fromEntries(Object.entries(col).filter(([, v]) => v !== undefined));
}

/** The row of a new client: every setting, its password hash and the moment it was made. */
export function newClientRow(s: ClientSettings, ids: ClientListIds, passwordHash: string, now: Date): Insertable<ClientsTable> {
  return { ...(settingsToColumns(s, ids) as Insertable<ClientsTable>), password_hash: passwordHash, created_at: now, updated_at: now };
}

export function rowToClient(r: JoinedClientRow): Client {
  return {
    id: r.id,
    login: r.login,
    currency: r.currency,
    contactName: r.contact_name,
    phone: r.phone,
    email: r.email,
    priceUpdateEmail: r.price_update_email,
    billingEmail: r.billing_email,
    managerId: r.manager_id,
    notificationLimit: formatAmountOrNull(r.notification_limit),
    moderation: r.moderation,
    timezone: r.timezone,
    dispatchWindows: r.dispatch_windows,
    creditLimit: formatAmountOrNull(r.credit_limit),
    overdraw: r.overdraw_amount !== null && r.overdraw_until !== null ? { amount: formatAmount(r.overdraw_amount), until: r.overdraw_until.toISOString() } : null,
    priority: r.priority,
    blacklistDisabled: r.blacklist_disabled,
    dynamicSender: r.dynamic_sender,
    moViaSmpp: r.mo_via_smpp,
    shortUrls: r.short_urls,
    monthlyPostpaidTopup: formatAmountOrNull(r.monthly_postpaid_topup),
    dailyLimit: r.daily_limit,
    canSendTests: r.can_send_tests,
    dailyStatsEmail: r.daily_stats_email,
    productId: r.product_id,
    contractNumber: r.contract_number,
    company: r.company,
    companyCredentials: r.company_credentials,
    country: r.country,
    businessType: r.business_type,
    categoryType: r.category_type,
    messenger: r.messenger,
    dlrWaitDays: r.dlr_wait_days,
    expiredDlrStatus: r.expired_dlr_status as Client['expiredDlrStatus'],
    canSendSmpp: r.can_send_smpp,
    canSendHttpApi: r.can_send_http_api,
    canSendWeb: r.can_send_web,
    canSendRest: r.can_send_rest,
    canAddSubaccounts: r.can_add_subaccounts,
    legalEntityId: r.legal_entity_id,
    invoiceDays: r.invoice_days,
    sendStats: r.send_stats,
    sendInvoices: r.send_invoices,
    sendInvoicesByEmail: r.send_invoices_by_email,
    comments: r.comments,
    status: r.status,
    blockedReason: r.blocked_reason,
    blockedAt: r.blocked_at,
    balance: formatAmount(r.balance),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    managerLogin: r.manager_login,
    productName: r.product_name,
    legalEntityName: r.legal_entity_name,
  };
}
