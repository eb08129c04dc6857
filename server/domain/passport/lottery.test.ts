/** The draw's lottery (lottery.ts) with fixed seeds: the published algorithm, recomputed. */
import { describe, expect, it } from 'vitest';
import { DRAW_ALGORITHM, entryIdFor, runLottery, seedHashOf, verifyPublishedDraw } from './lottery.ts';

const SEED = '5eed'.repeat(16);
const entries = Array.from({ length: 10 }, (_, i) => ({ entryId: `entry-${i}`, priority: i === 7 }));

describe('the draw lottery', () => {
  it('hashes the 32 seed bytes, not their hex text', () => {
    expect(seedHashOf('00'.repeat(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    expect(() => seedHashOf('xyz')).toThrow(RangeError);
  });

  it('orders by sha256(seed || entryId) and gives the places in that order (values also computed by an independent script)', () => {
    const r = runLottery({ seed: SEED, entries, places: 3, priorityPlaces: 0 });
    expect(r.order).toEqual(['entry-9', 'entry-8', 'entry-6', 'entry-2', 'entry-7', 'entry-0', 'entry-3', 'entry-1', 'entry-5', 'entry-4']);
    expect(r.winners).toEqual(['entry-9', 'entry-8', 'entry-6']);
    expect(r.resultHash).toBe('247a19fec9610ac7dc61378238916f3d956c315e8ef9ed3b6537639f0967b21b');
  });

  it('gives the priority places first to priority entries in draw order, the rest to everyone left', () => {
    const r = runLottery({ seed: SEED, entries, places: 3, priorityPlaces: 1 });
    expect(r.winners).toEqual(['entry-9', 'entry-8', 'entry-7']);
    expect(r.resultHash).toBe('082a314f47bd4c2bad0818b5f84584448cb86c2d35ddf2ccefb65fe52b053c8a');
  });

  it('does not depend on the order the entries are listed in', () => {
    const a = runLottery({ seed: SEED, entries, places: 4, priorityPlaces: 1 });
    const b = runLottery({ seed: SEED, entries: [...entries].reverse(), places: 4, priorityPlaces: 1 });
    expect(b).toEqual(a);
  });

  it('gives everyone a place when there are fewer entries than places, and nobody when there are no places', () => {
    expect(runLottery({ seed: SEED, entries: entries.slice(0, 2), places: 5, priorityPlaces: 1 }).winners).toHaveLength(2);
    expect(runLottery({ seed: SEED, entries, places: 0, priorityPlaces: 0 }).winners).toEqual([]);
  });

  it('makes stable entry ids that differ per draw and per application', () => {
    expect(entryIdFor('ATB', '2027-02-01-pagi-regular', 'app-1')).toMatch(/^[0-9a-f]{16}$/);
    expect(entryIdFor('ATB', '2027-02-01-pagi-regular', 'app-1')).toBe(entryIdFor('ATB', '2027-02-01-pagi-regular', 'app-1'));
    expect(entryIdFor('ATB', '2027-02-01-pagi-regular', 'app-1')).not.toBe(entryIdFor('ATB', '2027-02-01-siang-regular', 'app-1'));
    expect(entryIdFor('ATB', '2027-02-01-pagi-regular', 'app-1')).not.toBe(entryIdFor('ATB', '2027-02-01-pagi-regular', 'app-2'));
  });

  it('verifies a published draw, and names what a tampered one changed', () => {
    const r = runLottery({ seed: SEED, entries, places: 3, priorityPlaces: 1 });
    const published = { algorithm: DRAW_ALGORITHM, seed: SEED, seedHash: seedHashOf(SEED), places: 3, priorityPlaces: 1, entries, winners: r.winners, resultHash: r.resultHash };
    expect(verifyPublishedDraw(published)).toEqual([]);
    expect(verifyPublishedDraw({ ...published, winners: ['entry-9', 'entry-8', 'entry-0'] })).toEqual([expect.stringMatching(/winners differ/)]);
    expect(verifyPublishedDraw({ ...published, seed: 'ab'.repeat(32) })).toEqual(expect.arrayContaining([expect.stringMatching(/seed hash/)]));
    expect(verifyPublishedDraw({ ...published, seed: null })).toEqual([expect.stringMatching(/not been drawn/)]);
  });
});
