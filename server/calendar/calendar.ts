/**
 * Calendar dates at the offices: days are `YYYY-MM-DD` strings (a date in an office's
 * time zone, never an instant); instants are `Date`s. Working days are Monday–Friday minus the
 * holiday table (national holidays and collective leave, one set of rows per year, managed by
 * admins). Everything here is pure except `loadHolidays`.
 *
 * Day arithmetic is done on UTC midnights, so it is exact whatever the server's own time zone.
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { I18nText } from '#machines/types.ts';
import type { SqlRunner } from '../db/sql.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The time zone "this year" is read in for national matters (the holiday table): WIB, the capital's. */
export const NATIONAL_TIME_ZONE = 'Asia/Jakarta';

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtcMs(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today's date in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: Date): string {
  return formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
}

/** The instant of wall-clock `hhmm` (`HH:mm`) on `date` in `timeZone` (e.g. a session's start). */
export function zonedDateTime(date: string, hhmm: string, timeZone: string): Date {
  toUtcMs(date);
  if (!HH_MM.test(hhmm)) throw new RangeError(`not an HH:mm time: ${JSON.stringify(hhmm)}`);
  return fromZonedTime(`${date}T${hhmm}:00`, timeZone);
}

/** `date` plus `n` calendar days (`n` may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const dow = new Date(toUtcMs(date)).getUTCDay();
  return dow === 0 || dow === 6;
}

/** Monday–Friday and not in `holidays`. */
export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** Longer than any real run of closed days: a holiday table that closes everything is a data error. */
const MAX_CLOSED_RUN = 366;

/**
 * The working day `n` working days after `date` (n ≥ 0); the days after `date` are counted, `date`
 * itself never is, so the result is always a working day. Examples (2026 table): Thursday
 * 2026-04-02 + 4 → 2026-04-09 (Good Friday and the weekend skipped).
 *
 * n = 0 → `date` when it is a working day, else the next working day (the first day the office
 * is open on or after `date`).
 */
export function addWorkingDays(date: string, n: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let d = date;
  let closedRun = 0;
  const step = () => {
    d = addDays(d, 1);
    if (++closedRun > MAX_CLOSED_RUN) throw new RangeError(`no working day within ${MAX_CLOSED_RUN} days after ${date}`);
  };
  if (n === 0) {
    toUtcMs(d);
    while (!isWorkingDay(d, holidays)) step();
    return d;
  }
  for (let left = n; left > 0; ) {
    step();
    if (isWorkingDay(d, holidays)) {
      left--;
      closedRun = 0;
    }
  }
  return d;
}

/** Every date from `from` to `to`, both included (empty when `to` is before `from`). */
export function datesBetween(from: string, to: string): string[] {
  toUtcMs(to);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export type HolidayKind = 'national' | 'collective';
export type Holiday = { date: string; year: number; kind: HolidayKind; name: I18nText };

export type LoadedHolidays = {
  /** Holiday dates in the range. */
  dates: Set<string>;
  /**
   * Years touched by the range with no holiday rows at all (not entered yet): only weekends
   * close those days, and callers warn about it.
   */
  missingYears: number[];
  /** The holiday rows in the range, by date (names for display). */
  byDate: Map<string, Holiday>;
};

/** JSON columns: text on SQLite, parsed by the driver on PostgreSQL. */
export function jsonColumn<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Holidays from `from` to `to` (both included) with the years of the range that have none. */
export async function loadHolidays(sql: SqlRunner, from: string, to: string): Promise<LoadedHolidays> {
  toUtcMs(from);
  toUtcMs(to);
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const [rows, years] = await Promise.all([
    sql.all<{ date: string; year: number; kind: string; name: unknown }>(
      'SELECT "date", "year", "kind", "name" FROM "Holiday" WHERE "date" >= ? AND "date" <= ? ORDER BY "date"',
      [from, to],
    ),
    sql.all<{ year: number }>('SELECT DISTINCT "year" FROM "Holiday" WHERE "year" >= ? AND "year" <= ?', [fromYear, toYear]),
  ]);
  const present = new Set(years.map((y) => Number(y.year)));
  const missingYears: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (!present.has(y)) missingYears.push(y);
  const byDate = new Map<string, Holiday>();
  for (const r of rows) {
    byDate.set(r.date, { date: r.date, year: Number(r.year), kind: r.kind as HolidayKind, name: jsonColumn<I18nText>(r.name) });
  }
  return { dates: new Set(byDate.keys()), missingYears, byDate };
}
