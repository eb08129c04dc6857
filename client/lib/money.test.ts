import { describe, expect, it } from 'vitest';
import { formatMoney, groupDigits } from './money.ts';

const NBSP = '\u00a0';

describe('formatMoney()', () => {
  it('writes rupiah the Indonesian way, whole rupiah, with a no-break space', () => {
    expect(formatMoney(350000)).toBe(`Rp${NBSP}350.000`);
    expect(formatMoney(1650000, 'IDR')).toBe(`Rp${NBSP}1.650.000`);
    expect(formatMoney(0)).toBe(`Rp${NBSP}0`);
  });
  it('groups the English way on an English page, still in rupiah', () => {
    expect(formatMoney(1650000, 'IDR', 'en')).toBe(`Rp${NBSP}1,650,000`);
    expect(formatMoney(350000, 'IDR', 'id')).toBe(`Rp${NBSP}350.000`);
  });
  it('writes another currency with its code and survives an unknown one', () => {
    expect(formatMoney(12.5, 'USD')).toContain('USD');
    expect(formatMoney(5, 'NOPE!')).toBe('NOPE! 5');
  });
});

describe('groupDigits()', () => {
  it('splits a long code into groups of five', () => {
    expect(groupDigits('820260302000001')).toBe('82026 03020 00001');
    expect(groupDigits('1234567', 3)).toBe('123 456 7');
  });
  it('leaves anything that is not digits alone', () => {
    expect(groupDigits('ATB-1')).toBe('ATB-1');
    expect(groupDigits('')).toBe('');
  });
});
