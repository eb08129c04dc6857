import { describe, expect, it } from 'vitest';
import { addCalendarDays, isCalendarDate, officeInstant } from './office-time.ts';

describe('isCalendarDate', () => {
  it('accepts real dates written YYYY-MM-DD only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const value of ['2025-02-29', '2025-13-01', '2025-3-1', '2025-03-01T00:00', '', 20250301, null]) {
      expect(isCalendarDate(value)).toBe(false);
    }
  });
});

describe('addCalendarDays', () => {
  it('moves across month and year ends and leap days', () => {
    expect(addCalendarDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2025-03-12', 0)).toBe('2025-03-12');
  });

  it('refuses a date that is not one', () => {
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow("'2025-02-30' is not a calendar date written YYYY-MM-DD");
  });
});

describe('officeInstant', () => {
  it('reads the wall clock in each Indonesian time zone', () => {
    expect(new Date(officeInstant('2025-03-12', '08:00', 'Asia/Jakarta')).toISOString()).toBe('2025-03-12T01:00:00.000Z');
    expect(new Date(officeInstant('2025-03-12', '08:00', 'Asia/Makassar')).toISOString()).toBe('2025-03-12T00:00:00.000Z');
    expect(new Date(officeInstant('2025-03-12', '08:00', 'Asia/Jayapura')).toISOString()).toBe('2025-03-11T23:00:00.000Z');
    expect(new Date(officeInstant('2025-03-12', '23:59:59.999', 'Asia/Jayapura')).toISOString()).toBe('2025-03-12T14:59:59.999Z');
  });

  it('refuses an unknown or empty time zone, a bad date and a bad time', () => {
    expect(() => officeInstant('2025-03-12', '08:00', 'WIB')).toThrow(`'WIB' is not an IANA time zone such as "Asia/Jakarta"`);
    expect(() => officeInstant('2025-03-12', '08:00', '')).toThrow(`'' is not an IANA time zone`);
    expect(() => officeInstant('12/03/2025', '08:00', 'Asia/Jakarta')).toThrow("'12/03/2025' is not a calendar date");
    expect(() => officeInstant('2025-03-12', '8 am', 'Asia/Jakarta')).toThrow("'8 am' is not a time written HH:mm[:ss[.SSS]]");
  });
});
