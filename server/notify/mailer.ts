/**
 * Sends one email. SMTP (nodemailer) when `SMTP_URL` is set; otherwise a "log" mailer that only
 * writes the message to the log: the message is still stored in the outbox and readable at
 * `GET /api/dev/outbox` outside production.
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

export type MailMessage = { to: string; subject: string; text: string; html?: string };

export interface Mailer {
  /** Resolves once the server accepted the message; rejects otherwise (the outbox retries). */
  send(msg: MailMessage): Promise<void>;
  readonly kind: 'smtp' | 'log';
}

/** Timeouts kept well under the dispatcher's lease (config.leaseMs), so a stuck server cannot make two processes send one message. */
function timeouts(leaseMs: number) {
  const budget = Math.max(3_000, Math.floor(leaseMs / 3));
  return { connectionTimeout: Math.min(10_000, budget), greetingTimeout: Math.min(10_000, budget), socketTimeout: Math.min(20_000, budget) };
}

export function createSmtpMailer(url: string, from: string, log: Logger, leaseMs = 30_000): Mailer {
  const options: SMTPTransport.Options = { url, ...timeouts(leaseMs) };
  const transport = nodemailer.createTransport(options);
  return {
    kind: 'smtp',
    async send(msg) {
      const info = await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, ...(msg.html ? { html: msg.html } : {}) });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) throw new Error(`recipient rejected: ${rejected.join(', ')}`);
      log.debug('smtp accepted', { to: msg.to, messageId: info.messageId, response: info.response });
    },
  };
}

export function createLogMailer(log: Logger): Mailer {
  return {
    kind: 'log',
    async send(msg) {
      log.info('email (log mailer, not sent)', { to: msg.to, subject: msg.subject, text: msg.text });
    },
  };
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'leaseMs' | 'production'>, log: Logger): Mailer {
  if (config.smtpUrl) return createSmtpMailer(config.smtpUrl, config.mailFrom, log, config.leaseMs);
  if (config.production) log.warn('SMTP_URL is not set: emails (one-time codes included) are only written to the log, not sent');
  return createLogMailer(log);
}
