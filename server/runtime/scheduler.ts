/**
 * Durable timers: rows in "Timer" written with the snapshot that armed them. The scheduler claims
 * due rows with a lease (an atomic UPDATE, so two schedulers — in one process or many — never
 * take the same row) and fires each through runtime.fireTimer, the same path as every event.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, ManualClock } from '../clock.ts';
import type { SqlDriver } from '../db/sql.ts';
import type { Logger } from '../log.ts';
import type { Runtime } from './runtime.ts';

export class Scheduler {
  readonly owner = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly deps: { sql: SqlDriver; runtime: Runtime; clock: Clock; manualClock: ManualClock | null; log: Logger },
    private readonly opts: { intervalMs: number; leaseMs: number; batch?: number },
  ) {}

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.opts.intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Runs a tick now, or right after the one in progress. */
  kick() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      .catch((err) => {
        this.deps.log.error('scheduler tick failed', { error: String(err) });
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Fires every timer due now; resolves to how many fired. */
  async tick(): Promise<number> {
    const { sql, runtime, log } = this.deps;
    await this.deps.manualClock?.refresh();
    let fired = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const nowIso = now.toISOString();
      const due = await sql.all<{ applicationId: string; timerId: string; event: string; dueAt: string }>(
        'SELECT "applicationId", "timerId", "event", "dueAt" FROM "Timer" WHERE "dueAt" <= ? AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ORDER BY "dueAt" LIMIT ?',
        [nowIso, nowIso, this.opts.batch ?? 100],
      );
      if (due.length === 0) return fired;
      const leaseUntil = new Date(now.getTime() + this.opts.leaseMs).toISOString();
      let claimedAny = false;
      for (const t of due) {
        const claimed = await sql.run(
          'UPDATE "Timer" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "applicationId" = ? AND "timerId" = ? AND "dueAt" = ? AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)',
          [this.owner, leaseUntil, t.applicationId, t.timerId, t.dueAt, nowIso],
        );
        if (claimed !== 1) continue;
        claimedAny = true;
        try {
          const result = await runtime.fireTimer({ ...t, leaseOwner: this.owner });
          if (result === 'fired') fired++;
          log.debug('timer', { applicationId: t.applicationId, timerId: t.timerId, result });
        } catch (err) {
          // The lease expires and another tick retries it; the timer is never lost.
          log.error('timer failed', { applicationId: t.applicationId, timerId: t.timerId, error: String(err) });
        }
      }
      if (!claimedAny) return fired;
    }
  }
}
