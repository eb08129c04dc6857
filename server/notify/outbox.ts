/**
 * The outbox: messages are written as rows in the same transaction as the change that causes
 * them, and sent afterwards by the dispatcher (dispatcher.ts). A message is never lost with a
 * rolled-back change, and never sent for one.
 */
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../db/sql.ts';

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The application the message is about, if any. */
  applicationId?: string;
};

/** What the `payload` column of an email row holds (JSON). */
export type EmailPayload = { html?: string };

/**
 * Queues an email: one pending `Outbox` row, due at `now`. `sql` may be a transaction's runner
 * (`deps.sql.transaction(tx => enqueueEmail(tx, …))`) or the driver itself. Returns the row id.
 * Call `dispatcher.kick()` after the commit to send it without waiting for the next interval.
 */
export async function enqueueEmail(sql: SqlRunner, msg: EmailMessage, now: Date): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  const payload: EmailPayload = msg.html !== undefined ? { html: msg.html } : {};
  await sql.run(
    'INSERT INTO "Outbox" ("id", "kind", "applicationId", "recipient", "subject", "body", "payload", "status", "attempts", "nextAttemptAt", "createdAt") ' +
      "VALUES (?, 'email', ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
    [id, msg.applicationId ?? null, msg.to, msg.subject, msg.text, JSON.stringify(payload), at, at],
  );
  return id;
}
