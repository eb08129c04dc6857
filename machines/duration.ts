/** ISO 8601 durations as policy writes them (`policy.delays`), converted to milliseconds. */
import { parse } from 'tinyduration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Milliseconds of an ISO 8601 duration such as "PT2H", "P7D" or "P1W2D"; a day is exactly 24 hours.
 * Pure; throws an Error saying what is wrong for a malformed, negative, or month/year duration
 * (months and years have no fixed length, so a timer built on them would be ambiguous).
 */
export function durationToMs(iso: string): number {
  let duration;
  try {
    duration = parse(iso);
  } catch {
    throw new Error(`'${iso}' is not an ISO 8601 duration (examples: "PT2H", "P7D", "P1DT12H")`);
  }
  if (duration.negative) throw new Error(`'${iso}' is negative; a delay must be zero or more`);
  if (duration.years || duration.months) {
    throw new Error(`'${iso}' uses months or years, whose length varies; use weeks, days, hours, minutes or seconds`);
  }
  const { weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
  return Math.round((weeks * 7 + days) * DAY + hours * HOUR + minutes * MINUTE + seconds * SECOND);
}
