/**
 * Sends the outbox's email rows. Any number of dispatchers (processes) may run against one
 * database: each row is claimed with a lease (`leaseOwner`, `leaseUntil`) by a conditional UPDATE
 * before it is sent, so only one of them sends it. A failed send is retried with exponential
 * backoff capped at `config.outboxMaxBackoffMs`; a message is never dropped. Delivery is at least
 * once: a process that dies between the SMTP server's acceptance and marking the row sent leaves
 * it to be sent again when the lease runs out.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import type { EmailPayload } from './outbox.ts';

export type DispatcherDeps = Pick<AppDeps, 'sql' | 'mailer' | 'clock' | 'config' | 'log'>;

export type DispatcherOptions = {
  /** Identifies this dispatcher in `leaseOwner` (default: a random UUID). */
  owner?: string;
  /** Rows claimed per tick at most (default 50). */
  batchSize?: number;
  /** Delay before the first retry (default 1 s); doubles per failed attempt. */
  baseBackoffMs?: number;
};

type OutboxRow = {
  id: string;
  recipient: string | null;
  subject: string | null;
  body: string | null;
  payload: string | null;
  attempts: number;
};

/** Delay before the next attempt after `attempts` failed ones: base·2^(attempts−1), capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(maxMs, baseMs * 2 ** exp);
}

export class OutboxDispatcher {
  readonly owner: string;
  private readonly batchSize: number;
  private readonly baseBackoffMs: number;
  private timer: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private started = false;

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions = {},
  ) {
    this.owner = options.owner ?? randomUUID();
    this.batchSize = Math.max(1, options.batchSize ?? 50);
    this.baseBackoffMs = Math.max(1, options.baseBackoffMs ?? 1_000);
  }

  /** Ticks every `config.outboxIntervalMs` (the timer does not keep the process alive). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setInterval(() => this.background(), Math.max(10, this.deps.config.outboxIntervalMs));
    this.timer.unref();
    this.kick();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.timer = null;
    this.kickTimer = null;
    this.again = false;
    await this.running?.catch(() => 0);
  }

  /** Asks for a tick soon (after an enqueue). A no-op until `start()`. */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      this.background();
    }, 5);
    this.kickTimer.unref();
  }

  /**
   * Sends what is due now: claims each due pending email row with a lease, sends it, marks it
   * sent or schedules a retry. Resolves to the number of messages sent. Concurrent calls on one
   * dispatcher share the tick in progress (no overlapping ticks).
   */
  tick(): Promise<number> {
    if (this.running) return this.running;
    const run = this.runTick().finally(() => {
      this.running = null;
      if (this.again && this.started) {
        this.again = false;
        this.kick();
      }
    });
    this.running = run;
    return run;
  }

  private background() {
    this.tick().catch((err: unknown) => this.deps.log.error('outbox tick failed', { owner: this.owner, error: String(err) }));
  }

  private async runTick(): Promise<number> {
    const { sql } = this.deps;
    const nowIso = this.deps.clock.now().toISOString();
    const due = await sql.all<{ id: string }>(
      'SELECT "id" FROM "Outbox" WHERE "kind" = \'email\' AND "status" = \'pending\' AND "nextAttemptAt" <= ? ' +
        'AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ORDER BY "nextAttemptAt", "createdAt" LIMIT ?',
      [nowIso, nowIso, this.batchSize],
    );
    let sent = 0;
    for (const { id } of due) {
      if (await this.deliver(id)) sent++;
    }
    if (due.length === this.batchSize) this.again = true; // more may be waiting
    return sent;
  }

  /** Claims, sends and records one row; true when it was sent by this call. */
  private async deliver(id: string): Promise<boolean> {
    const { sql, clock, config, log, mailer } = this.deps;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + config.leaseMs).toISOString();
    const claimed = await sql.run(
      'UPDATE "Outbox" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" = ? AND "status" = \'pending\' AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)',
      [this.owner, leaseUntil, id, now.toISOString()],
    );
    if (claimed !== 1) return false;
    const row = await sql.get<OutboxRow>(
      'SELECT "id", "recipient", "subject", "body", "payload", "attempts" FROM "Outbox" WHERE "id" = ? AND "leaseOwner" = ?',
      [id, this.owner],
    );
    if (!row) return false;
    const attempts = Number(row.attempts) + 1;
    try {
      if (!row.recipient) throw new Error('no recipient');
      const payload = parsePayload(row.payload);
      await mailer.send({
        to: row.recipient,
        subject: row.subject ?? '',
        text: row.body ?? '',
        ...(payload.html ? { html: payload.html } : {}),
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const failedAt = clock.now();
      const next = new Date(failedAt.getTime() + backoffMs(attempts, this.baseBackoffMs, config.outboxMaxBackoffMs)).toISOString();
      await sql.run(
        'UPDATE "Outbox" SET "attempts" = "attempts" + 1, "lastError" = ?, "nextAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL ' +
          'WHERE "id" = ? AND "leaseOwner" = ?',
        [error.slice(0, 1000), next, id, this.owner],
      );
      log.warn('email send failed; will retry', { id, to: row.recipient, attempts, nextAttemptAt: next, error, mailer: mailer.kind });
      return false;
    }
    await sql.run(
      'UPDATE "Outbox" SET "status" = \'sent\', "sentAt" = ?, "attempts" = "attempts" + 1, "lastError" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL ' +
        'WHERE "id" = ?',
      [clock.now().toISOString(), id],
    );
    log.info('email sent', { id, to: row.recipient, subject: row.subject, attempts, mailer: mailer.kind });
    return true;
  }
}

function parsePayload(text: string | null): EmailPayload {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as EmailPayload) : {};
  } catch {
    return {};
  }
}
