import { describe, expect, it } from 'vitest';
import { clockText, remainingMs, spokenMinutes, spokenRemaining } from './countdown.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('remainingMs()', () => {
  it('counts down to the deadline, NaN for a bad date', () => {
    expect(remainingMs('2026-11-26T12:00:00.000Z', Date.parse('2026-11-26T10:00:00.000Z'))).toBe(2 * H);
    expect(remainingMs('2026-11-26T12:00:00.000Z', Date.parse('2026-11-26T12:00:05.000Z'))).toBe(-5 * S);
    expect(remainingMs('soon', 0)).toBeNaN();
  });
});

describe('clockText()', () => {
  it('shows hours only when there are some, and never goes below zero', () => {
    expect(clockText(H + 59 * M + 3 * S + 999)).toBe('1:59:03');
    expect(clockText(9 * M + 41 * S)).toBe('09:41');
    expect(clockText(-10 * S)).toBe('00:00');
    expect(clockText(Number.NaN)).toBe('00:00');
  });
});

describe('spokenMinutes()', () => {
  it('changes at most once a minute, every 5 minutes above 15', () => {
    expect(spokenMinutes(H + 59 * M + 3 * S)).toBe(115);
    expect(spokenMinutes(H + 55 * M)).toBe(115);
    expect(spokenMinutes(H + 54 * M + 59 * S)).toBe(110);
    expect(spokenMinutes(15 * M + 59 * S)).toBe(15);
    expect(spokenMinutes(14 * M + 59 * S)).toBe(14);
    expect(spokenMinutes(59 * S)).toBe(0);
    expect(spokenMinutes(0)).toBe(-1);
    expect(spokenMinutes(Number.NaN)).toBe(-1);
  });
  it('yields few distinct texts over a whole 2-hour window', () => {
    const said = new Set<number>();
    for (let ms = 2 * H; ms > 0; ms -= S) said.add(spokenMinutes(ms));
    expect(said.size).toBeLessThanOrEqual(40);
  });
});

describe('spokenRemaining()', () => {
  it('says hours and minutes in words in both languages', () => {
    expect(spokenRemaining(H + 59 * M + 3 * S, 'id')).toBe('1 jam 55 menit');
    expect(spokenRemaining(H + 59 * M + 3 * S, 'en')).toBe('1 hour 55 minutes');
    expect(spokenRemaining(2 * H, 'en')).toBe('2 hours');
    expect(spokenRemaining(M + 30 * S, 'en')).toBe('1 minute');
    expect(spokenRemaining(7 * M, 'id')).toBe('7 menit');
    expect(spokenRemaining(30 * S, 'id')).toBe('kurang dari 1 menit');
    expect(spokenRemaining(-1, 'en')).toBe('');
  });
});
