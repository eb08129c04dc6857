import { describe, expect, it } from 'vitest';
import { durationToMs } from './duration.ts';

describe('durationToMs', () => {
  it('converts weeks, days, hours, minutes and seconds, fractions included', () => {
    expect(durationToMs('PT2H')).toBe(7_200_000);
    expect(durationToMs('P7D')).toBe(604_800_000);
    expect(durationToMs('P1W2D')).toBe(777_600_000);
    expect(durationToMs('P1DT2H30M15S')).toBe(95_415_000);
    expect(durationToMs('PT1.5H')).toBe(5_400_000);
    expect(durationToMs('PT0S')).toBe(0);
  });

  it('rejects months and years, negative and malformed durations with a reason', () => {
    expect(() => durationToMs('P1M')).toThrow("'P1M' uses months or years, whose length varies");
    expect(() => durationToMs('P1Y')).toThrow('months or years');
    expect(() => durationToMs('-PT1H')).toThrow("'-PT1H' is negative");
    expect(() => durationToMs('2 hours')).toThrow("'2 hours' is not an ISO 8601 duration");
    expect(() => durationToMs('P')).toThrow('is not an ISO 8601 duration');
  });
});
