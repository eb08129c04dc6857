/**
 * Admin (role `admin`): the holiday table (national holidays and collective leave, per year)
 * and the calendar warnings (years without holidays, where only weekends close the offices).
 */
import { Router, type Request } from 'express';
import type { I18nText } from '#machines/types.ts';
import type { AppDeps } from '../deps.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import { isIsoDate, jsonColumn, loadHolidays, NATIONAL_TIME_ZONE, todayIn, type Holiday, type HolidayKind } from '../calendar/calendar.ts';
import { requireRole } from './auth.ts';
import { queryString } from './params.ts';

const HOLIDAY_KINDS: readonly HolidayKind[] = ['national', 'collective'];

function fieldError(pointer: string, en: string, id: string): FieldError {
  return { pointer, message: en, messages: { id, en } };
}

const holidayNotFound = (date: string) => new NotFoundError({ id: `Hari libur ${date}`, en: `Holiday ${date}` });

function toHoliday(r: { date: string; year: number; kind: string; name: unknown }): Holiday {
  return { date: r.date, year: r.year, kind: r.kind as HolidayKind, name: jsonColumn<I18nText>(r.name) };
}

/** The current year (national time zone) by the deps' clock. */
function thisYear(deps: AppDeps): number {
  return Number(todayIn(NATIONAL_TIME_ZONE, deps.clock.now()).slice(0, 4));
}

function yearQuery(req: Request, fallback: number): number {
  const raw = queryString(req, 'year');
  if (raw === undefined) return fallback;
  if (!/^\d{4}$/.test(raw)) throw new ValidationError([fieldError('/year', 'must be a year, e.g. 2026', 'harus tahun, mis. 2026')]);
  return Number(raw);
}

function parseHoliday(body: unknown): { date: string; kind: HolidayKind; name: I18nText } {
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isIsoDate(b.date)) errors.push(fieldError('/date', 'must be a date written YYYY-MM-DD', 'harus tanggal dengan format YYYY-MM-DD'));
  if (!HOLIDAY_KINDS.includes(b.kind as HolidayKind)) {
    errors.push(fieldError('/kind', `must be one of: ${HOLIDAY_KINDS.join(', ')}`, `harus salah satu dari: ${HOLIDAY_KINDS.join(', ')}`));
  }
  const name = (b.name && typeof b.name === 'object' && !Array.isArray(b.name) ? b.name : null) as Record<string, unknown> | null;
  if (!name) errors.push(fieldError('/name', 'must be an object {id, en}', 'harus objek {id, en}'));
  else {
    for (const lang of ['id', 'en'] as const) {
      const v = name[lang];
      if (typeof v !== 'string' || !v.trim() || v.length > 200) {
        errors.push(fieldError(`/name/${lang}`, 'must be a text of 1–200 characters', 'harus teks 1–200 karakter'));
      }
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return { date: b.date as string, kind: b.kind as HolidayKind, name: { id: (name!.id as string).trim(), en: (name!.en as string).trim() } };
}

export function adminRouter(deps: AppDeps): Router {
  const r = Router();
  const admin = requireRole('admin');

  /** `?year=` (default: this year) → the holidays of that year by date. */
  r.get('/admin/holidays', admin, async (req, res) => {
    const year = yearQuery(req, thisYear(deps));
    const rows = await deps.prisma.holiday.findMany({ where: { year }, orderBy: { date: 'asc' } });
    res.json(rows.map(toHoliday));
  });

  r.post('/admin/holidays', admin, async (req, res) => {
    const h = parseHoliday(req.body);
    const exists = () =>
      new ConflictError('holiday-exists', {
        id: `Tanggal ${h.date} sudah tercatat sebagai hari libur. Hapus dulu untuk menggantinya.`,
        en: `${h.date} is already a holiday. Delete it first to replace it.`,
      });
    if (await deps.prisma.holiday.findUnique({ where: { date: h.date }, select: { date: true } })) throw exists();
    try {
      const row = await deps.prisma.holiday.create({ data: { date: h.date, year: Number(h.date.slice(0, 4)), kind: h.kind, name: h.name } });
      res.status(201).json(toHoliday(row));
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw exists(); // created meanwhile by another request
      throw err;
    }
  });

  r.delete('/admin/holidays/:date', admin, async (req, res) => {
    const date = req.params.date;
    if (!isIsoDate(date)) throw holidayNotFound(String(date));
    const { count } = await deps.prisma.holiday.deleteMany({ where: { date } });
    if (count === 0) throw holidayNotFound(date);
    res.status(204).end();
  });

  /** Years from this year to next year with no holidays entered: only weekends close those days. */
  r.get('/admin/calendar/warnings', admin, async (_req, res) => {
    const year = thisYear(deps);
    const { missingYears } = await loadHolidays(deps.sql, `${year}-01-01`, `${year + 1}-12-31`);
    res.json({
      missingYears,
      warnings: missingYears.map((y) => ({
        code: 'holidaysMissing',
        year: y,
        message: {
          id: `Hari libur tahun ${y} belum dimasukkan: semua hari kerja (Senin–Jumat) tahun itu dianggap buka.`,
          en: `No holidays entered for ${y}: every weekday (Monday–Friday) of that year counts as open.`,
        },
      })),
    });
  });
  return r;
}
