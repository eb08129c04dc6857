import { describe, expect, it } from 'vitest';
import { pickText } from '../../lib/i18n.ts';
import {
  addDays,
  dayModels,
  daysBetween,
  isYmd,
  longDate,
  mediumDate,
  officeDateTime,
  placesText,
  sessionName,
  todayIn,
  windowStartFor,
  zoneName,
  type Availability,
  type DayAvailability,
} from './schedule.ts';
import type { Lang } from '../../lib/types.ts';

describe('calendar dates', () => {
  it('adds and counts days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-25', 13)).toBe('2027-01-07');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-26', '2026-12-10')).toBe(14);
    expect(daysBetween('2026-12-10', '2026-11-26')).toBe(-14);
  });
  it('knows a real date', () => {
    expect([isYmd('2026-02-28'), isYmd('2026-02-30'), isYmd('26-02-01'), isYmd(20260201)]).toEqual([true, false, false, false]);
  });
  it('takes today from the office’s clock', () => {
    const now = Date.parse('2026-11-25T18:30:00Z'); // 02:30 on the 26th in Makassar (UTC+8)
    expect(todayIn('Asia/Makassar', now)).toBe('2026-11-26');
    expect(todayIn('Asia/Jakarta', now)).toBe('2026-11-26');
    expect(todayIn('Europe/London', now)).toBe('2026-11-25');
    expect(todayIn('Not/AZone', now)).toBe('2026-11-25');
  });
  it('opens the picker on the window that holds an earlier choice', () => {
    expect(windowStartFor('2026-11-26', undefined)).toBe('2026-11-26');
    expect(windowStartFor('2026-11-26', '2026-12-09')).toBe('2026-11-26');
    expect(windowStartFor('2026-11-26', '2026-12-10')).toBe('2026-12-10');
    expect(windowStartFor('2026-11-26', '2026-11-20')).toBe('2026-11-26');
    expect(windowStartFor('2026-11-26', 'nope')).toBe('2026-11-26');
  });
  it('writes dates for people', () => {
    expect(longDate('2026-12-01', 'id')).toBe('Selasa 1 Desember');
    expect(longDate('2026-12-01', 'en')).toBe('Tuesday 1 December');
    expect(longDate('2026-12-01', 'id', true)).toBe('Selasa 1 Desember 2026');
    expect(mediumDate('2026-12-01', 'id')).toBe('1 Des 2026');
  });
  it('writes an office wall-clock time for people, each language its own way', () => {
    expect(officeDateTime('2026-11-26 04:41 WITA', 'id')).toBe('Kamis 26 November 2026, 04.41 WITA');
    expect(officeDateTime('2026-11-26 04:41 UTC+09:00', 'en')).toBe('Thursday 26 November 2026, 04:41 UTC+09:00');
    expect(officeDateTime('tomorrow', 'en')).toBe('tomorrow');
  });
});

describe('names', () => {
  it('names Indonesia’s time zones as people do', () => {
    expect([zoneName('Asia/Jakarta'), zoneName('Asia/Makassar'), zoneName('Asia/Jayapura')]).toEqual(['WIB', 'WITA', 'WIT']);
    expect(zoneName('Asia/Tokyo')).toMatch(/GMT\+9|JST/);
  });
  it('names sessions, falling back to their id', () => {
    expect(sessionName('pagi', 'id')).toBe('Pagi');
    expect(sessionName('siang', 'en')).toBe('Afternoon');
    expect(sessionName('malam', 'en')).toBe('Malam');
  });
  it('counts places in both languages', () => {
    expect(placesText(12, 'id', true)).toBe('12 tempat tersisa');
    expect(placesText(1, 'en', true)).toBe('1 place left');
    expect(placesText(1200, 'en', false)).toBe('1,200 places');
  });
});

const session = (id: string, free: number, reason?: DayAvailability['sessions'][number]['reason']) => ({
  id,
  start: id === 'pagi' ? '08:00' : '13:00',
  end: id === 'pagi' ? '12:00' : '15:00',
  capacity: 28,
  free,
  ...(reason ? { reason } : {}),
});
const day = (date: string, open: boolean, pagi: number, siang: number, reason?: DayAvailability['reason'], holidayName?: DayAvailability['holidayName']): DayAvailability => ({
  date,
  open,
  ...(reason ? { reason } : {}),
  ...(holidayName ? { holidayName } : {}),
  sessions: [session('pagi', pagi, open || pagi ? undefined : reason), session('siang', siang, open || siang ? undefined : reason)],
});

const availability: Availability = {
  from: '2026-11-30',
  to: '2026-12-25',
  kind: 'express',
  passportType: 'electronic',
  days: [
    day('2026-11-30', false, 0, 0, 'tooSoon'),
    day('2026-12-01', true, 12, 0),
    day('2026-12-02', false, 0, 0, 'full'),
    day('2026-12-05', false, 0, 0, 'closed'),
    day('2026-12-07', false, 0, 0, 'noStock'),
    day('2026-12-25', false, 0, 0, 'holiday', { id: 'Hari Raya Natal', en: 'Christmas Day' }),
  ],
};

const models = (lang: Lang, a: Availability = availability) =>
  dayModels(a, { lang, timeZone: 'Asia/Makassar', today: '2026-11-30', tx: (text) => pickText(lang, text) });

describe('dayModels()', () => {
  it('says free places or the reason for every day, short and in full', () => {
    const id = models('id');
    expect(id.map((d) => d.status)).toEqual(['Terlalu cepat untuk percepatan', '12 tempat', 'Penuh', 'Tutup', 'Blangko e-paspor habis', 'Hari Raya Natal']);
    expect(id.map((d) => d.label)).toEqual([
      'Senin 30 November (hari ini), terlalu cepat untuk layanan percepatan, yang harus dipesan paling lambat sehari sebelumnya',
      'Selasa 1 Desember, 12 tempat tersisa',
      'Rabu 2 Desember, penuh',
      'Sabtu 5 Desember, tutup',
      'Senin 7 Desember, blangko e-paspor habis di kantor ini',
      'Jumat 25 Desember, libur: Hari Raya Natal',
    ]);
    expect(models('en').map((d) => d.label)[5]).toBe('Friday 25 December, holiday: Christmas Day');
    expect(models('en')[1]).toMatchObject({ weekday: 'Tue', day: '1', month: 'Dec', open: true, free: 12, isToday: false });
    expect(id[0]?.isToday).toBe(true);
  });
  it('describes each session with its time, zone and places, or why it is closed', () => {
    const [pagi, siang] = models('en')[1]?.sessions ?? [];
    expect(pagi).toEqual({ id: 'pagi', open: true, free: 12, name: 'Morning, 08:00–12:00 WITA', status: '12 places left' });
    expect(siang).toMatchObject({ id: 'siang', open: false, status: 'Full' });
    expect(models('id')[3]?.sessions[0]).toMatchObject({ open: false, status: 'Tutup' });
  });
  it('says "no passport books" without naming e-passports for an ordinary one, and plain "too soon" outside express', () => {
    const regular = models('en', { ...availability, kind: 'regular', passportType: 'ordinary' });
    expect(regular[0]?.status).toBe('Too soon');
    expect(regular[4]?.status).toBe('No passport books');
  });
});
