/**
 * Time comes from an injected clock. Production uses the system clock; elsewhere a manual clock
 * (system time plus an offset that only moves forward) lets tests and demos reach any timer
 * without waiting. The offset is kept in the database so every process and restart shares it.
 */
import { parse as parseDuration } from 'tinyduration';
import type { SqlDriver } from './db/sql.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const OFFSET_KEY = 'clock.offsetMs';

export class ManualClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly sql: SqlDriver) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Reads the shared offset (other processes may have moved it). */
  async refresh(): Promise<void> {
    const row = await this.sql.get<{ value: string }>('SELECT "value" FROM "Setting" WHERE "key" = ?', [OFFSET_KEY]);
    const stored = row ? Number(row.value) : 0;
    if (stored > this.offsetMs) this.offsetMs = stored;
  }

  /** Moves the clock forward by `ms`; returns the new now. */
  async advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    await this.refresh();
    this.offsetMs += ms;
    await this.sql.run(
      'INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"',
      [OFFSET_KEY, String(this.offsetMs)],
    );
    return this.now();
  }
}

/** Milliseconds in an ISO 8601 duration of days, hours, minutes and seconds (`P2DT3H`); throws on anything else. */
export function durationMs(iso: string): number {
  const d = parseDuration(iso);
  if (d.negative || d.years || d.months) throw new RangeError('use days, hours, minutes and seconds only');
  const weeks = d.weeks ?? 0;
  return ((((weeks * 7 + (d.days ?? 0)) * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) * 60 + (d.seconds ?? 0)) * 1000;
}
