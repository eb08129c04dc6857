/**
 * The schedule picker's model: offices and availability as the API gives them
 * (`GET /api/offices`, `GET /api/offices/:code/availability`), calendar arithmetic on
 * `YYYY-MM-DD` dates (no time zone: a day is a day), and availability → what each day and
 * session shows and says. All pure.
 */
import type { I18nText, Lang } from '../../lib/types.ts';
import { passportText as translate } from './texts.ts';

export type ClosedReason = 'full' | 'noStock' | 'tooSoon' | 'notYetOpen' | 'closed' | 'holiday';

export type Office = { code: string; name: string; city: string; province?: string; address: string; timeZone: string };

export type SessionAvailability = { id: string; start: string; end: string; capacity: number; free: number; reason?: ClosedReason };

export type DayAvailability = { date: string; open: boolean; reason?: ClosedReason; holidayName?: I18nText; sessions: SessionAvailability[] };

export type NearestOffice = { code: string; name: string; city: string; address: string; timeZone: string; distanceKm: number; firstFreeDate: string };

export type Availability = {
  office?: { code: string; name: string; address: string; timeZone: string };
  /** Today in the office's time zone (the server's clock). */
  today?: string;
  from: string;
  to: string;
  kind?: 'regular' | 'express';
  passportType?: string;
  days: DayAvailability[];
  warnings?: { code: string; message: I18nText }[];
  nearest?: NearestOffice[];
  /** Present when the flow's places open by draw: how, in words. */
  placesOpen?: { mode: 'draw'; message: I18nText };
};

/** Days the picker shows at once (one request; the API allows up to 31). */
export const WINDOW_DAYS = 14;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYmd(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = YMD.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const utc = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/** The date `n` days after `ymd` (negative: before). */
export function addDays(ymd: string, n: number): string {
  const d = utc(ymd);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => Math.round((utc(b).getTime() - utc(a).getTime()) / 86_400_000);

/** Today's date on a clock in `timeZone` at the instant `now` (ms); falls back to UTC for an unknown zone. */
export function todayIn(timeZone: string, now: number): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The first day of the window to show: today, or the window (counted in WINDOW_DAYS steps from
 * today) that holds an earlier choice, so coming back to the step shows the chosen day.
 */
export function windowStartFor(today: string, chosen: unknown, size = WINDOW_DAYS): string {
  if (!isYmd(chosen) || chosen < today) return today;
  return addDays(today, Math.floor(daysBetween(today, chosen) / size) * size);
}

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** `Selasa 1 Desember` / `Tuesday 1 December` (with the year when `withYear`). */
export function longDate(ymd: string, lang: Lang, withYear = false): string {
  if (!isYmd(ymd)) return ymd;
  const parts = new Intl.DateTimeFormat(locale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' as const } : {}),
    timeZone: 'UTC',
  }).formatToParts(utc(ymd));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return [get('weekday'), get('day'), get('month'), withYear ? get('year') : ''].filter(Boolean).join(' ');
}

/** The parts a calendar cell shows: `Sel`, `1`, `Des`. */
export function shortDateParts(ymd: string, lang: Lang): { weekday: string; day: string; month: string } {
  const parts = new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).formatToParts(utc(ymd));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), day: get('day'), month: get('month') };
}

/** `26 Nov 2026` */
export function mediumDate(ymd: string, lang: Lang): string {
  return isYmd(ymd) ? new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc(ymd)) : ymd;
}

/**
 * A wall-clock time at the office as the server writes it (`2026-11-26 04:41 WITA`) for people:
 * `Kamis 26 November 2026, 04.41 WITA` / `Thursday 26 November 2026, 04:41 WITA`; anything else
 * as given.
 */
export function officeDateTime(local: string, lang: Lang): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})\s+(\S.*)$/.exec(local.trim());
  if (!m || !isYmd(m[1])) return local;
  const time = lang === 'id' ? `${m[2]}.${m[3]}` : `${m[2]}:${m[3]}`;
  return `${longDate(m[1], lang, true)}, ${time} ${m[4]}`;
}

/** Indonesia's zones as people say them (WIB, WITA, WIT); another zone as Intl abbreviates it. */
const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function zoneName(timeZone: string): string {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(0).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** A session's name: `Pagi`/`Morning` for known ids, else the id with a capital. */
export function sessionName(id: string, lang: Lang): string {
  const key = `session.${id}`;
  if (key === 'session.pagi' || key === 'session.siang' || key === 'session.sore') return translate(lang, key);
  return id ? id[0]!.toUpperCase() + id.slice(1) : id;
}

export type ReasonContext = { lang: Lang; express: boolean; electronic: boolean };

/** Why a day or session cannot be booked, short (in a calendar cell) and long (for screen readers). */
export function reasonText(reason: ClosedReason, holidayName: string | undefined, ctx: ReasonContext): { short: string; long: string } {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(ctx.lang, key, params);
  switch (reason) {
    case 'full':
      return { short: t('sched.full'), long: t('sched.full').toLowerCase() };
    case 'closed':
      return { short: t('sched.closed'), long: t('sched.closed').toLowerCase() };
    case 'holiday': {
      const text = holidayName ? t('sched.holidayNamed', { name: holidayName }) : t('sched.holiday');
      return { short: holidayName || t('sched.holiday'), long: text.charAt(0).toLowerCase() + text.slice(1) };
    }
    case 'noStock':
      return ctx.electronic
        ? { short: t('sched.noStockElectronic'), long: t('sched.noStockElectronicLong') }
        : { short: t('sched.noStock'), long: t('sched.noStockLong') };
    case 'notYetOpen':
      return { short: t('sched.notYetOpen'), long: t('sched.notYetOpenLong') };
    case 'tooSoon':
      return ctx.express ? { short: t('sched.tooSoonExpress'), long: t('sched.tooSoonExpressLong') } : { short: t('sched.tooSoon'), long: t('sched.tooSoonLong') };
  }
}

/** `12 tempat` / `12 places` (short) or `12 tempat tersisa` / `12 places left` (long). */
export function placesText(n: number, lang: Lang, long: boolean): string {
  if (n === 1) return translate(lang, long ? 'sched.placeLeft' : 'sched.place');
  return translate(lang, long ? 'sched.placesLeft' : 'sched.places', { n: new Intl.NumberFormat(locale(lang)).format(n) });
}

export type SessionModel = {
  id: string;
  open: boolean;
  free: number;
  /** `Pagi, 08:00–12:00 WITA` */
  name: string;
  /** `12 tempat tersisa` or the reason. */
  status: string;
};

export type DayModel = {
  date: string;
  open: boolean;
  free: number;
  isToday: boolean;
  weekday: string;
  day: string;
  month: string;
  /** Places or the reason, for the cell. */
  status: string;
  /** The whole day in words: `Selasa 1 Desember, 12 tempat tersisa`. */
  label: string;
  sessions: SessionModel[];
};

export type ModelOptions = { lang: Lang; timeZone: string; today?: string | undefined; tx: (text: I18nText | undefined) => string };

/** Availability → what the calendar shows and says, day by day and session by session. */
export function dayModels(availability: Pick<Availability, 'days' | 'kind' | 'passportType'>, opts: ModelOptions): DayModel[] {
  const ctx: ReasonContext = { lang: opts.lang, express: availability.kind === 'express', electronic: availability.passportType === 'electronic' };
  const zone = zoneName(opts.timeZone);
  return availability.days.map((d) => {
    const free = d.sessions.reduce((sum, s) => sum + Math.max(0, s.free), 0);
    const reason = d.open ? undefined : (d.reason ?? 'full');
    const holiday = d.holidayName ? opts.tx(d.holidayName) : undefined;
    const why = reason ? reasonText(reason, holiday, ctx) : null;
    const isToday = d.date === opts.today;
    const name = longDate(d.date, opts.lang);
    const spokenDay = isToday ? `${name} (${translate(opts.lang, 'sched.today')})` : name;
    const sessions = d.sessions.map((s): SessionModel => {
      const open = d.open && s.free > 0;
      const sReason = open ? null : reasonText(s.reason ?? reason ?? 'full', holiday, ctx);
      return {
        id: s.id,
        open,
        free: Math.max(0, s.free),
        name: translate(opts.lang, 'sched.sessionText', { name: sessionName(s.id, opts.lang), start: s.start, end: s.end, zone }),
        status: sReason ? sReason.short : placesText(s.free, opts.lang, true),
      };
    });
    return {
      date: d.date,
      open: d.open,
      free,
      isToday,
      ...shortDateParts(d.date, opts.lang),
      status: why ? why.short : placesText(free, opts.lang, false),
      label: `${spokenDay}, ${why ? why.long : placesText(free, opts.lang, true)}`,
      sessions,
    };
  });
}
