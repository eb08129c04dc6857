/** Wall-clock times at an office (an IANA time zone such as Asia/Jakarta) as instants. Pure; no clock. */
import { fromZonedTime } from 'date-fns-tz';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** The parts of a real calendar date written `YYYY-MM-DD`, or undefined (`2025-02-30` is not one). */
function dateParts(value: string): [number, number, number] | undefined {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  const real = check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return real ? [year, month, day] : undefined;
}

/** True for a real calendar date written `YYYY-MM-DD`. Pure. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && dateParts(value) !== undefined;
}

/** The calendar date `days` after `date` (negative: before), both `YYYY-MM-DD`. Pure; throws for a date that is not one. */
export function addCalendarDays(date: string, days: number): string {
  const parts = dateParts(date);
  if (!parts) throw new Error(`'${date}' is not a calendar date written YYYY-MM-DD`);
  const [year, month, day] = parts;
  // NOTE: UTC arithmetic on the date alone: a calendar day has no time zone and no DST.
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Milliseconds since the epoch at which the office's clock in `timeZone` shows `time` (`HH:mm`,
 * `HH:mm:ss` or `HH:mm:ss.SSS`) on `date` (`YYYY-MM-DD`). Pure; throws an Error naming the bad
 * input for a date, time or time zone that is not one (an empty time zone is refused rather than
 * read as UTC).
 */
export function officeInstant(date: string, time: string, timeZone: string): number {
  if (!isCalendarDate(date)) throw new Error(`'${date}' is not a calendar date written YYYY-MM-DD`);
  if (!WALL_TIME.test(time)) throw new Error(`'${time}' is not a time written HH:mm[:ss[.SSS]]`);
  const ms = timeZone === '' ? Number.NaN : fromZonedTime(`${date}T${time}`, timeZone).getTime();
  if (Number.isNaN(ms)) throw new Error(`'${timeZone}' is not an IANA time zone such as "Asia/Jakarta"`);
  return ms;
}
