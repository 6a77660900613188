import nodemailer from 'nodemailer';
import type { MailDraft } from './rules/mails.ts';

/** What sends a mail: SMTP in the platform, anything that throws on a refusal in principle. */
export interface MailTransport {
  send(mail: MailDraft): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer: `smtp://user:password@host:587` (STARTTLS when the server offers it),
 * `smtps://…:465` (TLS from the start). A mail the server does not accept throws with its answer.
 */
export function smtpTransport(url: string, from: string, timeoutMs = 30_000): MailTransport {
  const transport = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }, { from });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
    },
    close: () => transport.close(),
  };
}
