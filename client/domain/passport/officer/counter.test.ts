import { describe, expect, it } from 'vitest';
import { COUNTER_TEXT_KEYS, counterTexts } from './texts.ts';
import { dayIn, groupBySession, normalizeQueueCode, officeOfCode, oldestFirst, sortWalkIns, statusCounts, type CounterItem } from './counter.ts';

const item = (over: Partial<CounterItem>): CounterItem => ({
  id: over.id ?? 'a',
  flow: 'passport-new',
  flowVersion: 1,
  title: null,
  label: null,
  state: 'booked',
  status: 'booked',
  version: 1,
  officeCode: 'ATB',
  appointmentDate: '2026-12-01',
  queueCode: null,
  createdAt: '2026-11-25T01:00:00.000Z',
  updatedAt: '2026-11-25T01:00:00.000Z',
  ...over,
});

describe('passport counter helpers', () => {
  it('reads a queue code as typed or scanned, and the office it belongs to', () => {
    expect(normalizeQueueCode('  atb-20261201-017-k7qx2m \n')).toBe('ATB-20261201-017-K7QX2M');
    expect(officeOfCode('KPG-20261201-017-K7QX2M')).toBe('KPG');
    expect(officeOfCode('hello')).toBeNull();
    expect(officeOfCode('ATB-2026-017-K7QX2M')).toBeNull();
  });

  it("finds the office's today in its time zone, not the device's", () => {
    // 17:30 UTC is already the next day in Makassar (UTC+8); 16:30 UTC is 23:30 in Jakarta (UTC+7)
    expect(dayIn('Asia/Makassar', Date.parse('2026-11-25T17:30:00Z'))).toBe('2026-11-26');
    expect(dayIn('Asia/Jakarta', Date.parse('2026-11-25T16:30:00Z'))).toBe('2026-11-25');
    expect(dayIn('Not/AZone', Date.parse('2026-11-25T16:30:00Z'))).toBe('2026-11-25');
  });

  it('groups a day by session start and sorts each by queue number; counts by status in flow order, with the words', () => {
    const checked = { id: 'Sudah hadir di kantor', en: 'Checked in at the office' };
    const items = [
      item({ id: 'c', session: 'siang', sessionStart: '13:00', sessionEnd: '15:00', queueNumber: 2, status: 'checkedIn', statusLabel: checked }),
      item({ id: 'b', session: 'pagi', sessionStart: '08:00', sessionEnd: '12:00', queueNumber: 5 }),
      item({ id: 'a', session: 'pagi', sessionStart: '08:00', sessionEnd: '12:00', queueNumber: 1, status: 'collected' }),
    ];
    const groups = groupBySession(items);
    expect(groups.map((g) => [g.key, g.start, g.items.map((i) => i.id)])).toEqual([
      ['pagi', '08:00', ['a', 'b']],
      ['siang', '13:00', ['c']],
    ]);
    expect(statusCounts(items)).toEqual([
      { status: 'booked', label: null, count: 1 },
      { status: 'checkedIn', label: checked, count: 1 },
      { status: 'collected', label: null, count: 1 },
    ]);
  });

  it('puts priority walk-ins first, and the printing queue oldest first', () => {
    const list = sortWalkIns([
      item({ id: 'n', walkInPriority: 'none', createdAt: '2026-11-25T01:00:00Z' }),
      item({ id: 'e', walkInPriority: 'elderly', createdAt: '2026-11-25T03:00:00Z' }),
      item({ id: 'd', walkInPriority: 'disability', createdAt: '2026-11-25T04:00:00Z' }),
    ]);
    expect(list.map((i) => i.id)).toEqual(['d', 'e', 'n']);
    expect(oldestFirst([item({ id: 'new', updatedAt: '2026-11-26T00:00:00Z' }), item({ id: 'old', updatedAt: '2026-11-25T00:00:00Z' })]).map((i) => i.id)).toEqual(['old', 'new']);
  });

  it('has every text in English too, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of COUNTER_TEXT_KEYS) {
      const idText = counterTexts.text('id', key);
      const enText = counterTexts.text('en', key);
      expect(enText, key).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(idText));
    }
  });
});
