/** ISO 8601 durations as policy writes them (`policy.delays`): to milliseconds, and in words. The one duration parser. */
import { formatDuration } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { id } from 'date-fns/locale/id';
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

/**
 * An ISO 8601 duration for people, in `lang`: "PT2H" → "2 jam" / "2 hours", "P1DT12H" → "1 hari
 * 12 jam" / "1 day 12 hours" (date-fns' own wording, so the web app and the emails agree). Pure;
 * throws the `durationToMs` Error for a duration that is not one, or one of months or years.
 */
export function durationText(iso: string, lang: 'id' | 'en'): string {
  durationToMs(iso); // the same rule as every timer: refuses months, years, negatives, garbage
  const { weeks, days, hours, minutes, seconds } = parse(iso);
  const text = formatDuration({ weeks, days, hours, minutes, seconds }, { locale: lang === 'en' ? enUS : id });
  return text || (lang === 'en' ? '0 minutes' : '0 menit');
}
