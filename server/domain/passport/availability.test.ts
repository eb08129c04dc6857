/** The pure parts of availability; the database paths are covered over HTTP (server/http/offices-router.test.ts). */
import { describe, expect, it } from 'vitest';
import { officeDays, rangeErrors, dayClosedReason } from './availability.ts';
import type { Office } from './offices.ts';

const ATB: Office = {
  code: 'ATB',
  name: 'Kantor Imigrasi Kelas II TPI Atambua',
  city: 'Atambua',
  province: 'Nusa Tenggara Timur',
  address: 'Atambua',
  timeZone: 'Asia/Makassar',
  lat: -9.106,
  lon: 124.892,
  dailyQuota: 56,
  expressQuota: 10,
  sessions: [
    { id: 'pagi', start: '08:00', end: '12:00', share: 0.5 },
    { id: 'siang', start: '13:00', end: '15:00', share: 0.5 },
  ],
  stock: { ordinary: 200, electronic: 0 },
};
const holidays = {
  dates: new Set(['2026-12-24', '2026-12-25']),
  byDate: new Map([['2026-12-25', { date: '2026-12-25', year: 2026, kind: 'national' as const, name: { id: 'Natal', en: 'Christmas Day' } }]]),
};

describe('rangeErrors', () => {
  const today = '2026-12-01';
  const pointers = (from: unknown, to: unknown) => rangeErrors(from, to, today).map((e) => e.pointer);
  it('accepts today and up to 31 days, both ends included', () => {
    expect(rangeErrors('2026-12-01', '2026-12-01', today)).toEqual([]);
    expect(rangeErrors('2026-12-01', '2026-12-31', today)).toEqual([]);
  });
  it('points at the bad end', () => {
    expect(pointers('2026-12-01', '2027-01-01')).toEqual(['/to']); // 32 days
    expect(pointers('2026-11-30', '2026-12-05')).toEqual(['/from']);
    expect(pointers('2026-12-05', '2026-12-04')).toEqual(['/to']);
    expect(pointers('2026-02-30', 'tomorrow')).toEqual(['/from', '/to']);
    expect(pointers(undefined, '2026-12-04')).toEqual(['/from']);
  });
  it('gives texts in both languages', () => {
    const [e] = rangeErrors('2026-12-01', '2027-01-01', today);
    expect(e!.messages!.en).toMatch(/31 days/);
    expect(e!.messages!.id).toMatch(/31 hari/);
  });
});

describe('officeDays', () => {
  const opts = { kind: 'regular' as const, minLeadDays: 2, today: '2026-12-21' };
  const dates = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-28'];

  it('reasons in order: closed, holiday, tooSoon; then places', () => {
    const counters = new Map([
      ['2026-12-23|pagi', { capacity: 28, booked: 28 }],
      ['2026-12-23|siang', { capacity: 28, booked: 20 }],
      ['2026-12-28|pagi', { capacity: 28, booked: 28 }],
      ['2026-12-28|siang', { capacity: 28, booked: 28 }],
    ]);
    const days = officeDays(ATB, dates, holidays, counters, opts);
    expect(days.map((d) => [d.date, d.open, d.reason ?? null])).toEqual([
      ['2026-12-21', false, 'tooSoon'],
      ['2026-12-22', false, 'tooSoon'],
      ['2026-12-23', true, null],
      ['2026-12-24', false, 'holiday'],
      ['2026-12-25', false, 'holiday'],
      ['2026-12-26', false, 'closed'],
      ['2026-12-28', false, 'full'],
    ]);
    expect(days[2]!.sessions).toEqual([
      { id: 'pagi', start: '08:00', end: '12:00', capacity: 28, free: 0, reason: 'full' },
      { id: 'siang', start: '13:00', end: '15:00', capacity: 28, free: 8 },
    ]);
    expect(days[4]!.holidayName).toEqual({ id: 'Natal', en: 'Christmas Day' });
    expect(days[3]!.holidayName).toBeUndefined(); // a holiday date without a loaded name still closes
    expect(days[5]!.sessions.every((s) => s.free === 0 && s.reason === 'closed')).toBe(true);
  });

  it('closes the days after the booking horizon as notYetOpen (booking refuses them too), after weekends and holidays', () => {
    const days = officeDays(ATB, ['2026-12-23', '2026-12-28', '2026-12-29'], holidays, new Map(), { ...opts, horizonDays: 7 });
    expect(days.map((d) => [d.date, d.reason ?? null])).toEqual([
      ['2026-12-23', null],
      ['2026-12-28', null], // today + 7
      ['2026-12-29', 'notYetOpen'],
    ]);
    expect(days[2]!.sessions.every((x) => x.free === 0 && x.reason === 'notYetOpen')).toBe(true);
    expect(dayClosedReason('2027-01-02', new Set(), '2026-12-23', true, '2026-12-28')).toBe('closed');
    expect(dayClosedReason('2027-01-01', new Set(['2027-01-01']), '2026-12-23', true, '2026-12-28')).toBe('holiday');
  });

  it('a counter row’s capacity is the one its guard enforces; a missing row is nothing booked', () => {
    const days = officeDays(ATB, ['2026-12-23'], holidays, new Map([['2026-12-23|pagi', { capacity: 30, booked: 1 }]]), opts);
    expect(days[0]!.sessions.map((s) => [s.capacity, s.free])).toEqual([
      [30, 29],
      [28, 28],
    ]);
  });

  it('no stock of the asked type closes the working days with noStock', () => {
    const days = officeDays(ATB, dates, holidays, new Map(), { ...opts, passportType: 'electronic' });
    expect(days.map((d) => d.reason)).toEqual(['tooSoon', 'tooSoon', 'noStock', 'holiday', 'holiday', 'closed', 'noStock']);
    expect(officeDays(ATB, ['2026-12-23'], holidays, new Map(), { ...opts, passportType: 'ordinary' })[0]!.open).toBe(true);
  });

  it('express counts the express quota', () => {
    const [day] = officeDays(ATB, ['2026-12-23'], holidays, new Map(), { ...opts, kind: 'express' });
    expect(day!.sessions.map((s) => s.capacity)).toEqual([5, 5]);
  });

  it('dayClosedReason', () => {
    expect(dayClosedReason('2026-12-27', holidays.dates, '2026-12-01', false)).toBe('closed');
    expect(dayClosedReason('2026-12-24', holidays.dates, '2027-01-01', false)).toBe('holiday');
    expect(dayClosedReason('2026-12-23', holidays.dates, '2026-12-24', false)).toBe('tooSoon');
    expect(dayClosedReason('2026-12-23', holidays.dates, '2026-12-23', false)).toBe('noStock');
    expect(dayClosedReason('2026-12-23', holidays.dates, '2026-12-23', true)).toBeNull();
  });
});
