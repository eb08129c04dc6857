/**
 * Verifications of the logs as background jobs: `start` answers at once with an id, the
 * verification runs beside live requests (it yields the event loop, see runtime/verify.ts) and
 * writes its progress to "AuditJob" (at most once a second), so staff can follow it from any process.
 * A job whose process died stays "running" in the table; it is reported as "interrupted" once
 * its progress is a minute old.
 */
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../db/sql.ts';
import type { FlowCatalog } from '../flows/catalog.ts';
import type { Logger } from '../log.ts';
import { verifyAll, type VerifyFilter, type VerifyReport } from '../runtime/verify.ts';

export type VerifyJob = VerifyReport & {
  id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  filter: VerifyFilter;
  /** Applications to check (from the state tallies; an estimate while the job runs). */
  total: number;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
};

type JobRow = Omit<VerifyJob, 'filter' | 'mismatches' | 'total' | 'checked' | 'events'> & {
  filter: string;
  mismatches: string;
  total: number | string;
  checked: number | string;
  events: number | string;
};

const STALE_MS = 60_000;
const now = () => new Date().toISOString();

export class VerifyJobs {
  private readonly running = new Map<string, Promise<void>>();
  /** Fires on stop(): running verifications end between applications; their rows stay "running" and read as interrupted. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: { sql: SqlRunner; catalog: FlowCatalog; log: Logger }) {}

  /** Starts a verification; resolves to its id once the job row is written. */
  async start(filter: VerifyFilter, startedBy: string): Promise<string> {
    const { sql } = this.deps;
    const id = randomUUID();
    const total = filter.applicationId ? 1 : await this.total(filter.flow);
    const at = now();
    await sql.run(
      'INSERT INTO "AuditJob" ("id", "filter", "status", "total", "checked", "events", "mismatches", "startedBy", "startedAt", "updatedAt", "finishedAt") VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, NULL)',
      [id, JSON.stringify(filter), 'running', total, '[]', startedBy, at, at],
    );
    const progress = (r: VerifyReport, status = 'running') =>
      sql.run('UPDATE "AuditJob" SET "status" = ?, "checked" = ?, "events" = ?, "mismatches" = ?, "updatedAt" = ?, "finishedAt" = ? WHERE "id" = ?', [
        status,
        r.checked,
        r.events,
        JSON.stringify(r.mismatches),
        now(),
        status === 'running' ? null : now(),
        id,
      ]);
    let last = 0;
    let latest: VerifyReport = { checked: 0, events: 0, mismatches: [] };
    const run = verifyAll(sql, this.deps.catalog, filter, {
      signal: this.stopping.signal,
      onProgress: async (r) => {
        latest = r;
        if (Date.now() - last < 1000) return; // progress once a second is enough
        last = Date.now();
        await progress(r);
      },
    }).then(
      (report) => progress(report, 'done').then(() => undefined),
      async (error: unknown) => {
        if (this.stopping.signal.aborted) return; // shutting down: the row stays "running" and reads as interrupted
        this.deps.log.error('verification failed', { job: id, error: error instanceof Error ? error.message : String(error) });
        await progress(latest, 'failed'); // what was checked before it failed stays visible
      },
    );
    this.running.set(id, run);
    void run.finally(() => this.running.delete(id));
    return id;
  }

  /** Resolves when the job ends or after `ms`, whichever is first. */
  async wait(id: string, ms: number): Promise<void> {
    const run = this.running.get(id);
    if (!run) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  async get(id: string): Promise<VerifyJob | undefined> {
    const row = await this.deps.sql.get<JobRow>(
      'SELECT "id", "filter", "status", "total", "checked", "events", "mismatches", "startedBy", "startedAt", "updatedAt", "finishedAt" FROM "AuditJob" WHERE "id" = ?',
      [id],
    );
    if (!row) return undefined;
    const stale = row.status === 'running' && !this.running.has(id) && Date.now() - Date.parse(row.updatedAt) > STALE_MS;
    return {
      ...row,
      status: stale ? 'interrupted' : row.status,
      filter: JSON.parse(row.filter) as VerifyFilter,
      total: Number(row.total),
      checked: Number(row.checked),
      events: Number(row.events),
      mismatches: JSON.parse(row.mismatches) as VerifyReport['mismatches'],
    };
  }

  /** Stops the running verifications (shutdown) and waits for them to let go of the database. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.running.values()]);
  }

  private async total(flow?: string): Promise<number> {
    const row = await this.deps.sql.get<{ n: number | string | null }>(
      `SELECT SUM("count") AS "n" FROM "StateTally"${flow ? ' WHERE "flowKey" = ?' : ''}`,
      flow ? [flow] : [],
    );
    return Number(row?.n ?? 0);
  }
}
