import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../db/seed.ts';
import { providers } from '../testing/databases.ts';
import { openTestDb, type TestDb } from '../testing/harness.ts';
import {
  addDays,
  addWorkingDays,
  datesBetween,
  daysBetween,
  isIsoDate,
  isWeekend,
  isWorkingDay,
  loadHolidays,
  todayIn,
  zonedDateTime,
} from './calendar.ts';

/** The seeded 2026 decree, straight from the seed file. */
const seeded = JSON.parse(readFileSync(new URL('../db/seed-data/holidays-id-2026.json', import.meta.url), 'utf8')) as { holidays: { date: string }[] };
const H2026: ReadonlySet<string> = new Set(seeded.holidays.map((h) => h.date));

describe('dates', () => {
  it('recognises real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2026-12-01')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-12-01T00:00', '', null, 20261201]) expect(isIsoDate(bad)).toBe(false);
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-01', 0)).toBe('2026-12-01');
    expect(daysBetween('2026-12-01', '2027-01-01')).toBe(31);
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(datesBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
  });

  it('gives today in the office time zone, not the server’s', () => {
    const now = new Date('2026-11-25T16:30:00Z');
    expect(todayIn('Asia/Jakarta', now)).toBe('2026-11-25'); // 23:30 WIB
    expect(todayIn('Asia/Makassar', now)).toBe('2026-11-26'); // 00:30 WITA
    expect(todayIn('Asia/Jayapura', now)).toBe('2026-11-26'); // 01:30 WIT
  });

  it('turns an office wall-clock time into an instant', () => {
    expect(zonedDateTime('2026-12-01', '08:00', 'Asia/Makassar').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(zonedDateTime('2026-12-01', '08:00', 'Asia/Jakarta').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedDateTime('2027-01-01', '00:30', 'Asia/Jayapura').toISOString()).toBe('2026-12-31T15:30:00.000Z');
    expect(() => zonedDateTime('2026-12-01', '8:00', 'Asia/Jakarta')).toThrow(RangeError);
  });
});

describe('working days (2026 decree)', () => {
  it('closes weekends and holidays, including holidays on weekends', () => {
    expect(isWeekend('2026-11-28')).toBe(true); // Saturday
    expect(isWeekend('2026-11-29')).toBe(true);
    expect(isWeekend('2026-11-30')).toBe(false);
    expect(isWorkingDay('2026-11-30', H2026)).toBe(true);
    expect(isWorkingDay('2026-12-24', H2026)).toBe(false); // collective leave, Christmas
    expect(isWorkingDay('2026-12-25', H2026)).toBe(false);
    expect(isWorkingDay('2026-04-05', H2026)).toBe(false); // Easter Sunday
  });

  it('a pickup 4 working days after a Thursday before a long weekend skips the holiday and the weekend', () => {
    // Thu 2 April → Good Friday 3 April, weekend 4–5 (Easter) → Mon 6, Tue 7, Wed 8, Thu 9.
    expect(addWorkingDays('2026-04-02', 4, H2026)).toBe('2026-04-09');
    // Wed 13 May → Ascension Thu 14 + collective leave Fri 15 + weekend → 18, 19, 20, 21.
    expect(addWorkingDays('2026-05-13', 4, H2026)).toBe('2026-05-21');
    // Tue 17 March → 18–24 closed (Nyepi, Eid al-Fitr, collective leave, weekend) → 25, 26, 27, 30.
    expect(addWorkingDays('2026-03-17', 4, H2026)).toBe('2026-03-30');
    // Wed 23 December → 24–27 closed → Mon 28.
    expect(addWorkingDays('2026-12-23', 1, H2026)).toBe('2026-12-28');
    // without the holiday table only the weekend counts
    expect(addWorkingDays('2026-04-02', 4, new Set())).toBe('2026-04-08');
  });

  it('n = 0 is the same date when it is a working day, else the next working day', () => {
    expect(addWorkingDays('2026-12-23', 0, H2026)).toBe('2026-12-23');
    expect(addWorkingDays('2026-12-24', 0, H2026)).toBe('2026-12-28');
    expect(addWorkingDays('2026-11-28', 0, H2026)).toBe('2026-11-30');
  });

  it('counts from a closed day as from the day itself, and years with no table only skip weekends', () => {
    expect(addWorkingDays('2026-12-26', 1, H2026)).toBe('2026-12-28'); // Saturday + 1
    expect(addWorkingDays('2026-12-31', 2, H2026)).toBe('2027-01-04'); // 2027 not entered: 1 January counts
  });

  it('refuses negative or fractional n and a table that never opens', () => {
    expect(() => addWorkingDays('2026-12-01', -1, H2026)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-01', 1.5, H2026)).toThrow(RangeError);
    const everything = new Set(datesBetween('2026-12-01', '2028-12-31'));
    expect(() => addWorkingDays('2026-12-01', 1, everything)).toThrow(/no working day/);
  });
});

describe.each(providers())('loadHolidays (%s)', (provider) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(provider);
    await seed(db.prisma, { production: true });
  });
  afterAll(() => db?.close());

  it('loads the dates and names in the range and reports years with no rows', async () => {
    const h = await loadHolidays(db.sql, '2026-12-20', '2027-01-10');
    expect([...h.dates]).toEqual(['2026-12-24', '2026-12-25']);
    expect(h.byDate.get('2026-12-25')).toEqual({ date: '2026-12-25', year: 2026, kind: 'national', name: { id: 'Kelahiran Yesus Kristus (Natal)', en: 'Christmas Day' } });
    expect(h.missingYears).toEqual([2027]);
  });

  it('a year with rows outside the range is not missing', async () => {
    const h = await loadHolidays(db.sql, '2026-11-01', '2026-11-30');
    expect(h.dates.size).toBe(0);
    expect(h.missingYears).toEqual([]);
    expect((await loadHolidays(db.sql, '2025-12-01', '2028-01-31')).missingYears).toEqual([2025, 2027, 2028]);
  });

  it('the whole seeded year', async () => {
    const h = await loadHolidays(db.sql, '2026-01-01', '2026-12-31');
    expect(h.dates).toEqual(H2026);
  });
});
