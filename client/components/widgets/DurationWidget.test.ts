import { describe, expect, it } from 'vitest';
import { durationToMs } from '../../../machines/duration.ts';
import { durationOf, parseAmount, splitDuration, toIsoDuration, viewOf, DURATION_UNITS } from './DurationWidget.tsx';

describe('toIsoDuration', () => {
  it('writes one number of one unit as ISO 8601', () => {
    expect(toIsoDuration(15, 'minutes')).toBe('PT15M');
    expect(toIsoDuration(2, 'hours')).toBe('PT2H');
    expect(toIsoDuration(7, 'days')).toBe('P7D');
    expect(toIsoDuration(2, 'weeks')).toBe('P2W');
    expect(toIsoDuration(0, 'hours')).toBe('PT0H');
  });
  it('round-trips through the one duration parser for every unit', () => {
    for (const unit of DURATION_UNITS) {
      for (const n of [0, 1, 3, 36]) {
        const iso = toIsoDuration(n, unit);
        expect(() => durationToMs(iso)).not.toThrow();
        expect(splitDuration(iso)).toEqual({ amount: n, unit, exact: true });
      }
    }
  });
});

describe('splitDuration', () => {
  it('keeps the unit a value is written in', () => {
    expect(splitDuration('PT2H')).toEqual({ amount: 2, unit: 'hours', exact: true });
    expect(splitDuration('P7D')).toEqual({ amount: 7, unit: 'days', exact: true });
    expect(splitDuration('PT15M')).toEqual({ amount: 15, unit: 'minutes', exact: true });
    expect(splitDuration('P1W')).toEqual({ amount: 1, unit: 'weeks', exact: true });
    expect(splitDuration('PT48H')).toEqual({ amount: 48, unit: 'hours', exact: true });
    expect(splitDuration('PT0S')).toEqual({ amount: 0, unit: 'minutes', exact: false });
  });
  it('shows a mixed value in the largest unit that holds it exactly', () => {
    expect(splitDuration('P1DT12H')).toEqual({ amount: 36, unit: 'hours', exact: false });
    expect(splitDuration('PT1H30M')).toEqual({ amount: 90, unit: 'minutes', exact: false });
    expect(splitDuration('P1W2D')).toEqual({ amount: 9, unit: 'days', exact: false });
    expect(splitDuration('P1DT24H')).toEqual({ amount: 2, unit: 'days', exact: false });
  });
  it('gives up on what no number and unit can hold', () => {
    expect(splitDuration('PT90S')).toBeNull();
    expect(splitDuration('P1M')).toBeNull();
    expect(splitDuration('P1Y')).toBeNull();
    expect(splitDuration('2 jam')).toBeNull();
    expect(splitDuration('')).toBeNull();
  });
});

describe('parseAmount and durationOf', () => {
  it('accepts whole numbers 0 or more, with spaces around', () => {
    expect(parseAmount(' 12 ')).toEqual({ kind: 'amount', amount: 12 });
    expect(parseAmount('')).toEqual({ kind: 'empty' });
    for (const bad of ['1.5', '-2', '2 jam', 'x', '1e3', '99999999999999999999']) expect(parseAmount(bad)).toEqual({ kind: 'invalid' });
  });
  it('writes the ISO string, or nothing for empty or invalid text', () => {
    expect(durationOf('3', 'hours')).toBe('PT3H');
    expect(durationOf('10', 'days')).toBe('P10D');
    expect(durationOf('', 'days')).toBeUndefined();
    expect(durationOf('1,5', 'days')).toBeUndefined();
  });
});

describe('viewOf', () => {
  it('shows a number and a unit, an empty field in the given unit, and anything else as text (never lost)', () => {
    expect(viewOf('PT2H', 'days')).toMatchObject({ mode: 'split', amount: '2', unit: 'hours' });
    expect(viewOf(undefined, 'days')).toMatchObject({ mode: 'split', amount: '', unit: 'days' });
    expect(viewOf('P1DT12H', 'hours')).toMatchObject({ mode: 'split', amount: '36', unit: 'hours' });
    expect(viewOf('PT90S', 'hours')).toEqual({ mode: 'text', text: 'PT90S', value: 'PT90S' });
    expect(viewOf('P2M', 'hours')).toEqual({ mode: 'text', text: 'P2M', value: 'P2M' });
    expect(viewOf(7, 'hours')).toEqual({ mode: 'text', text: '7', value: 7 });
  });
});
