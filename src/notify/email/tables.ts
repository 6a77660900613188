import type { Generated } from 'kysely';

/** Tables of client e-mail: the outbox and the low-balance notices (migration 0045). */
export interface MailTables {
  mail_outbox: MailOutboxTable;
  client_low_balance_notices: { client_id: number; notified_at: Date };
  client_daily_stats_mails: { client_id: number; last_day: string };
}

export type MailKind = 'price_update' | 'low_balance' | 'daily_stats';
export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<number>;
  kind: MailKind;
  client_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  claimed_until: Date | null;
  claimed_by: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}
