/**
 * Availability of an office's sessions over a range of days (api.md, "Details clients rely on"):
 * per day whether it can be booked and, when not, why; per session the capacity and the free
 * places. "Today" is today in the office's time zone.
 *
 * A day's reason, first that applies: `closed` (weekend), `holiday`, `tooSoon` (before today +
 * minLeadDays), `notYetOpen` (after today + the flow's bookingHorizonDays: booking refuses it
 * too), `noStock` (no passport books of the asked type; said in a warning with the
 * reason, never passed off as "full"), `full` (no free place in any session). Places come from the
 * guarded counters (`SlotCounter`, one row per office, date, session and kind): free = capacity −
 * booked, the row's capacity being the one its guard enforces; a day or session without a row has
 * nothing booked and the capacity of the office's current quota split (`sessionCapacities`).
 *
 * When no day of the range can be booked, `nearest` lists up to 3 other offices, nearest first,
 * that have a free place in the same range (same kind, passport type and lead time), with their
 * first free date.
 */
import type { I18nText } from '#machines/types.ts';
import type { SqlRunner } from '../../db/sql.ts';
import { ValidationError, type FieldError } from '../../errors.ts';
import { addDays, datesBetween, daysBetween, isIsoDate, isWeekend, loadHolidays, todayIn, type LoadedHolidays } from '../../calendar/calendar.ts';
import { getOffice, listOffices, nearestOffices, sessionCapacities, type Office, type PassportType, type QuotaKind } from './offices.ts';

/** The longest range one request may ask for, both ends included. */
export const MAX_RANGE_DAYS = 31;
/** How many other offices `nearest` lists at most. */
export const NEAREST_COUNT = 3;

export type ClosedReason = 'closed' | 'holiday' | 'tooSoon' | 'notYetOpen' | 'noStock' | 'full';

export type AvailabilityQuery = {
  /** YYYY-MM-DD, not before today in the office's time zone. */
  from: string;
  /** YYYY-MM-DD, at most MAX_RANGE_DAYS days including `from`. */
  to: string;
  /** Which quota: regular (the daily quota) or express. */
  kind: QuotaKind;
  /** When given, days are closed (`noStock`) if the office has no books of this type. */
  passportType?: PassportType | undefined;
  /** Whole days after today before the first bookable day (0: today is bookable). */
  minLeadDays: number;
  /** Days after today up to which dates can be booked (the flow's bookingHorizonDays); none: no limit. */
  horizonDays?: number | undefined;
};

export type SessionAvailability = { id: string; start: string; end: string; capacity: number; free: number; reason?: ClosedReason };

export type DayAvailability = {
  date: string;
  open: boolean;
  reason?: ClosedReason;
  holidayName?: I18nText;
  sessions: SessionAvailability[];
};

export type AvailabilityWarning =
  | { code: 'holidaysMissing'; years: number[]; message: I18nText }
  | { code: 'noStock'; passportType: PassportType; message: I18nText };

export type NearestOffice = {
  code: string;
  name: string;
  city: string;
  address: string;
  timeZone: string;
  /** Great-circle distance from the asked office, km, one decimal. */
  distanceKm: number;
  firstFreeDate: string;
};

export type Availability = {
  office: { code: string; name: string; address: string; timeZone: string };
  /** Today in the office's time zone. */
  today: string;
  from: string;
  to: string;
  kind: QuotaKind;
  passportType?: PassportType;
  days: DayAvailability[];
  warnings?: AvailabilityWarning[];
  nearest?: NearestOffice[];
  /** How the flow's places open, in words, when not first-come (the flow's policy.placesOpen: a draw). */
  placesOpen?: { mode: 'draw'; message: I18nText };
};

type Counter = { capacity: number; booked: number };
/** Booked places by `date|session`. */
type Counters = Map<string, Counter>;

const PASSPORT_NAMES: Record<PassportType, I18nText> = {
  ordinary: { id: 'paspor biasa', en: 'ordinary passport' },
  electronic: { id: 'paspor elektronik', en: 'electronic passport' },
};

function fieldError(pointer: string, en: string, id: string): FieldError {
  return { pointer, message: en, messages: { id, en } };
}

/** The range's problems (422 pointers `/from`, `/to`); `today` is the office's. */
export function rangeErrors(from: unknown, to: unknown, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const fromOk = isIsoDate(from);
  const toOk = isIsoDate(to);
  if (!fromOk) errors.push(fieldError('/from', 'must be a date written YYYY-MM-DD', 'harus tanggal dengan format YYYY-MM-DD'));
  if (!toOk) errors.push(fieldError('/to', 'must be a date written YYYY-MM-DD', 'harus tanggal dengan format YYYY-MM-DD'));
  if (fromOk && from < today) {
    errors.push(fieldError('/from', `must not be before today (${today} in the office's time zone)`, `tidak boleh sebelum hari ini (${today} di zona waktu kantor)`));
  }
  if (fromOk && toOk) {
    const span = daysBetween(from, to) + 1;
    if (span < 1) errors.push(fieldError('/to', 'must not be before from', 'tidak boleh sebelum tanggal awal (from)'));
    else if (span > MAX_RANGE_DAYS) {
      errors.push(fieldError('/to', `the range may span at most ${MAX_RANGE_DAYS} days, from included (asked: ${span})`, `rentang paling banyak ${MAX_RANGE_DAYS} hari, termasuk tanggal awal (diminta: ${span})`));
    }
  }
  return errors;
}

/**
 * Why `date` cannot be booked before looking at places, or null: weekend, holiday, before
 * `earliest`, no stock. (The booking hook applies the same order.)
 */
export function dayClosedReason(date: string, holidays: ReadonlySet<string>, earliest: string, stockOk: boolean, latest?: string): Exclude<ClosedReason, 'full'> | null {
  if (isWeekend(date)) return 'closed';
  if (holidays.has(date)) return 'holiday';
  if (date < earliest) return 'tooSoon';
  if (latest !== undefined && date > latest) return 'notYetOpen';
  if (!stockOk) return 'noStock';
  return null;
}

/** Pure: the days of `dates` at `office`, given the holidays, the booked counters and the office's today. */
export function officeDays(
  office: Office,
  dates: readonly string[],
  holidays: Pick<LoadedHolidays, 'dates' | 'byDate'>,
  counters: Counters,
  opts: { kind: QuotaKind; passportType?: PassportType | undefined; minLeadDays: number; horizonDays?: number | undefined; today: string },
): DayAvailability[] {
  const caps = sessionCapacities(office, opts.kind);
  const earliest = addDays(opts.today, opts.minLeadDays);
  const latest = opts.horizonDays === undefined ? undefined : addDays(opts.today, opts.horizonDays);
  const stockOk = opts.passportType === undefined || office.stock[opts.passportType] > 0;
  return dates.map((date) => {
    const closed = dayClosedReason(date, holidays.dates, earliest, stockOk, latest);
    const sessions: SessionAvailability[] = caps.map((c) => {
      const row = counters.get(`${date}|${c.id}`);
      const capacity = row?.capacity ?? c.capacity;
      if (closed) return { ...c, capacity, free: 0, reason: closed };
      const free = Math.max(0, capacity - (row?.booked ?? 0));
      return free > 0 ? { ...c, capacity, free } : { ...c, capacity, free, reason: 'full' as const };
    });
    const reason: ClosedReason | null = closed ?? (sessions.some((s) => s.free > 0) ? null : 'full');
    const holidayName = closed === 'holiday' ? holidays.byDate.get(date)?.name : undefined;
    return { date, open: reason === null, ...(reason ? { reason } : {}), ...(holidayName ? { holidayName } : {}), sessions };
  });
}

async function loadCounters(sql: SqlRunner, officeCode: string, kind: QuotaKind, from: string, to: string): Promise<Counters> {
  const rows = await sql.all<{ date: string; session: string; capacity: number; booked: number }>(
    'SELECT "date", "session", "capacity", "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "kind" = ? AND "date" >= ? AND "date" <= ?',
    [officeCode, kind, from, to],
  );
  return new Map(rows.map((r) => [`${r.date}|${r.session}`, { capacity: Number(r.capacity), booked: Number(r.booked) }]));
}

function noStockMessage(office: Office, passportType: PassportType): I18nText {
  const other: PassportType = passportType === 'electronic' ? 'ordinary' : 'electronic';
  const p = PASSPORT_NAMES[passportType];
  const alt = office.stock[other] > 0 ? { id: `${PASSPORT_NAMES[other].id} atau kantor lain`, en: `an ${PASSPORT_NAMES[other].en} or another office` } : { id: 'kantor lain', en: 'another office' };
  return {
    id: `${office.name} sedang kehabisan blangko ${p.id}, jadi belum ada jadwal untuk ${p.id} (bukan karena kuota penuh). Pilih ${alt.id}.`,
    en: `${office.name} has run out of ${p.en} books, so there are no dates for an ${p.en} (the quota is not full). Choose ${alt.en}.`,
  };
}

function missingYearsMessage(years: number[]): I18nText {
  const list = years.join(', ');
  return {
    id: `Hari libur tahun ${list} belum dimasukkan: untuk sementara hanya Sabtu dan Minggu yang dianggap tutup.`,
    en: `The holidays of ${list} have not been entered yet: for now only Saturdays and Sundays count as closed.`,
  };
}

/**
 * Availability of `officeCode` from `query.from` to `query.to` at the instant `now`.
 * 404 for an unknown office; 422 (`/from`, `/to`) for a bad range.
 */
export async function availability(deps: { sql: SqlRunner }, officeCode: string, query: AvailabilityQuery, now: Date): Promise<Availability> {
  const { sql } = deps;
  const office = await getOffice(sql, officeCode);
  const today = todayIn(office.timeZone, now);
  const errors = rangeErrors(query.from, query.to, today);
  if (errors.length) throw new ValidationError(errors);
  if (!Number.isInteger(query.minLeadDays) || query.minLeadDays < 0) throw new RangeError(`minLeadDays must be a whole number ≥ 0: ${query.minLeadDays}`);
  if (query.horizonDays !== undefined && (!Number.isInteger(query.horizonDays) || query.horizonDays < 0)) throw new RangeError(`horizonDays must be a whole number ≥ 0: ${query.horizonDays}`);
  const { from, to, kind, passportType, minLeadDays, horizonDays } = query;

  const dates = datesBetween(from, to);
  const [holidays, counters] = await Promise.all([loadHolidays(sql, from, to), loadCounters(sql, office.code, kind, from, to)]);
  const days = officeDays(office, dates, holidays, counters, { kind, passportType, minLeadDays, horizonDays, today });

  const warnings: AvailabilityWarning[] = [];
  if (passportType && office.stock[passportType] <= 0) warnings.push({ code: 'noStock', passportType, message: noStockMessage(office, passportType) });
  if (holidays.missingYears.length) warnings.push({ code: 'holidaysMissing', years: holidays.missingYears, message: missingYearsMessage(holidays.missingYears) });

  const result: Availability = {
    office: { code: office.code, name: office.name, address: office.address, timeZone: office.timeZone },
    today,
    from,
    to,
    kind,
    ...(passportType ? { passportType } : {}),
    days,
    ...(warnings.length ? { warnings } : {}),
  };
  if (!days.some((d) => d.open)) {
    result.nearest = await nearestWithPlaces(sql, office, dates, holidays, { kind, passportType, minLeadDays, horizonDays }, now);
  }
  return result;
}

/** Up to NEAREST_COUNT other offices, nearest first, with a free place on one of `dates`. */
async function nearestWithPlaces(
  sql: SqlRunner,
  office: Office,
  dates: readonly string[],
  holidays: LoadedHolidays,
  opts: { kind: QuotaKind; passportType?: PassportType | undefined; minLeadDays: number; horizonDays?: number | undefined },
  now: Date,
): Promise<NearestOffice[]> {
  const from = dates[0]!;
  const to = dates[dates.length - 1]!;
  const out: NearestOffice[] = [];
  for (const other of nearestOffices(await listOffices(sql), office.code)) {
    if (opts.passportType && other.stock[opts.passportType] <= 0) continue;
    const counters = await loadCounters(sql, other.code, opts.kind, from, to);
    // Each office's own today: the range may start before it in a time zone further east.
    const first = officeDays(other, dates, holidays, counters, { ...opts, today: todayIn(other.timeZone, now) }).find((d) => d.open);
    if (!first) continue;
    out.push({
      code: other.code,
      name: other.name,
      city: other.city,
      address: other.address,
      timeZone: other.timeZone,
      distanceKm: Math.round(other.distanceKm * 10) / 10,
      firstFreeDate: first.date,
    });
    if (out.length === NEAREST_COUNT) break;
  }
  return out;
}
