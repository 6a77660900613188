import nodemailer from 'nodemailer';
import type { MailDraft } from './rules/mails.ts';

/** What sends a mail: SMTP in the platform, anything that throws on a refusal in principle. */
export interface MailTransport {
  send(mail: MailDraft): Promise<void>;
  close(): void;
}

/** How long one SMTP exchange may take; MailSender starts no send past half its lease, so a lease must be longer than twice this. */
export const SMTP_TIMEOUT_MS = 30_000;

/**
 * SMTP through nodemailer: `smtp://user:password@host:587` (STARTTLS when the server offers it),
 * `smtps://…:465` (TLS from the start). A mail the server does not accept throws with its answer.
 */
export function smtpTransport(url: string, from: string, timeoutMs = SMTP_TIMEOUT_MS): MailTransport {
  const transport = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }, { from });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
    },
    close: () => transport.close(),
  };
}
