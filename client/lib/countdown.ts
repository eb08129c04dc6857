/**
 * The payment countdown: a clock that ticks every second for the eye, and a sentence for screen
 * readers that changes at most once a minute (every 5 minutes while more than 15 are left), so
 * the live region informs without chattering. All pure.
 */
import { translate } from './i18n.ts';
import type { Lang } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Milliseconds left until `deadline` (ISO 8601) at `now` (ms since the epoch); NaN for a bad date. */
export function remainingMs(deadline: string, now: number): number {
  const end = Date.parse(deadline);
  return Number.isNaN(end) ? Number.NaN : end - now;
}

/** `1:59:03`, `09:41`, `00:00` (never negative). */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / SECOND));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/**
 * The whole minutes worth saying: rounded down, to 5 minutes while more than 15 are left. The
 * spoken text changes only when this number does. 0 under a minute; -1 once the time is up.
 */
export function spokenMinutes(ms: number): number {
  if (!(ms > 0)) return -1;
  const minutes = Math.floor(ms / MINUTE);
  return minutes > 15 ? Math.floor(minutes / 5) * 5 : minutes;
}

/** `1 jam 55 menit` / `1 hour 55 minutes`; `kurang dari 1 menit`; '' once the time is up. */
export function spokenRemaining(ms: number, lang: Lang): string {
  const minutes = spokenMinutes(ms);
  if (minutes < 0) return '';
  if (minutes === 0) return translate(lang, 'time.underMinute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(h === 1 ? translate(lang, 'time.hour') : translate(lang, 'time.hours', { n: h }));
  if (m > 0) parts.push(m === 1 ? translate(lang, 'time.minute') : translate(lang, 'time.minutes', { n: m }));
  return parts.join(' ');
}
