import { describe, expect, it } from 'vitest';
import { groupRupiah, moneyText, parseRupiah } from './MoneyWidget.tsx';

describe('parseRupiah', () => {
  it('reads a whole amount however it is grouped or prefixed', () => {
    for (const text of ['1500000', '1.500.000', '1,500,000', '1 500 000', 'Rp 1.500.000', 'Rp1.500.000', 'rp. 1.500.000', 'IDR 1,500,000', 'Rp 1.500.000,-', '1.500.000,00', '1,500,000.00', ' 1500000 ', '1\u00a0500\u00a0000']) {
      expect(parseRupiah(text), text).toEqual({ kind: 'amount', amount: 1_500_000 });
    }
    expect(parseRupiah('0')).toEqual({ kind: 'amount', amount: 0 });
    expect(parseRupiah('350.000')).toEqual({ kind: 'amount', amount: 350_000 });
  });
  it('is empty for no digits at all', () => {
    expect(parseRupiah('')).toEqual({ kind: 'empty' });
    expect(parseRupiah('  ')).toEqual({ kind: 'empty' });
    expect(parseRupiah('Rp ')).toEqual({ kind: 'empty' });
  });
  it('refuses cents, letters, negatives and amounts too large to hold exactly', () => {
    for (const text of ['1.5', '1.500,50', '12,5', 'satu juta', '1,5 juta', '-500', '500-', '.500', '99999999999999999999']) {
      expect(parseRupiah(text), text).toEqual({ kind: 'invalid' });
    }
  });
});

describe('groupRupiah and moneyText', () => {
  it('groups digits in the UI language', () => {
    expect(groupRupiah(1_500_000, 'id')).toBe('1.500.000');
    expect(groupRupiah(1_500_000, 'en')).toBe('1,500,000');
    expect(groupRupiah(1500, 'id')).toBe('1.500');
    expect(groupRupiah(0, 'en')).toBe('0');
  });
  it('shows a number grouped, other values as they are, nothing as empty', () => {
    expect(moneyText(350_000, 'id')).toBe('350.000');
    expect(moneyText(1500.5, 'en')).toBe('1,500.5');
    expect(moneyText('abc', 'id')).toBe('abc');
    expect(moneyText(undefined, 'id')).toBe('');
  });
  it('reads back what it shows', () => {
    for (const lang of ['id', 'en'] as const) for (const n of [0, 7, 1500, 350_000, 12_345_678]) expect(parseRupiah(groupRupiah(n, lang))).toEqual({ kind: 'amount', amount: n });
  });
});
