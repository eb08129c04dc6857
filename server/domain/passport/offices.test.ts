import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../db/seed.ts';
import { NotFoundError } from '../../errors.ts';
import { providers } from '../../testing/databases.ts';
import { openTestDb, type TestDb } from '../../testing/harness.ts';
import { apportion, distanceKm, getOffice, listOffices, nearestOffices, sessionCapacities, type Office } from './offices.ts';

type SeedOffice = Omit<Office, 'address'>;
const seeded = (JSON.parse(readFileSync(new URL('../../db/seed-data/offices.json', import.meta.url), 'utf8')) as { offices: SeedOffice[] }).offices;
const byCode = (code: string) => seeded.find((o) => o.code === code)!;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('session capacities', () => {
  it('Atambua: 56 a day, 28 + 28; express 10, 5 + 5', () => {
    const regular = sessionCapacities(byCode('ATB'), 'regular');
    expect(regular).toEqual([
      { id: 'pagi', start: '08:00', end: '12:00', capacity: 28 },
      { id: 'siang', start: '13:00', end: '15:00', capacity: 28 },
    ]);
    expect(sessionCapacities(byCode('ATB'), 'express').map((s) => s.capacity)).toEqual([5, 5]);
    expect(sessionCapacities(byCode('KPG'), 'regular').map((s) => s.capacity)).toEqual([60, 40]);
  });

  it('every seeded office’s sessions add up exactly to its quotas', () => {
    for (const o of seeded) {
      expect(sum(sessionCapacities(o, 'regular').map((s) => s.capacity))).toBe(o.dailyQuota);
      expect(sum(sessionCapacities(o, 'express').map((s) => s.capacity))).toBe(o.expressQuota);
    }
  });

  it('largest remainder: leftovers go to the largest fractions, ties to the earlier session', () => {
    expect(apportion(57, [0.5, 0.5])).toEqual([29, 28]);
    expect(apportion(10, [1 / 3, 1 / 3, 1 / 3])).toEqual([4, 3, 3]);
    expect(apportion(10, [0.15, 0.15, 0.7])).toEqual([2, 1, 7]); // 1.5, 1.5, 7 → the tie goes to the first
    expect(apportion(7, [0.6, 0.4])).toEqual([4, 3]); // 4.2, 2.8
    expect(apportion(5, [0.3, 0.3])).toEqual([3, 2]); // shares not adding up to 1 are normalised
    expect(apportion(5, [0, 0])).toEqual([3, 2]); // no shares: even split
    expect(apportion(0, [0.5, 0.5])).toEqual([0, 0]);
    expect(apportion(5, [])).toEqual([]);
  });

  it('adds up for any quota and shares', () => {
    let seedN = 42;
    const rnd = () => ((seedN = (seedN * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const total = Math.floor(rnd() * 500);
      const weights = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => Math.round(rnd() * 100) / 100);
      const out = apportion(total, weights);
      expect(sum(out)).toBe(total);
      const wsum = sum(weights);
      // each gets the floor or the ceiling of its exact share
      out.forEach((n, k) => {
        const exact = wsum > 0 ? (total * weights[k]!) / wsum : total / weights.length;
        expect(n).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(n).toBeLessThanOrEqual(Math.ceil(exact));
      });
    }
  });
});

describe('nearest offices', () => {
  it('orders the other offices by great-circle distance', () => {
    const fromAtb = nearestOffices(seeded, 'ATB');
    expect(fromAtb.map((o) => o.code)).toEqual(['KPG', 'AMQ', 'DPS', 'JAP', 'JKS', 'MDN']);
    expect(fromAtb[0]!.distanceKm).toBeGreaterThan(180);
    expect(fromAtb[0]!.distanceKm).toBeLessThan(190);
    expect(nearestOffices(seeded, 'JAP')[0]!.code).toBe('AMQ');
  });

  it('haversine: one degree of latitude is about 111 km; the distance is symmetric', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.2, 1);
    expect(distanceKm(byCode('ATB'), byCode('JKS'))).toBeCloseTo(distanceKm(byCode('JKS'), byCode('ATB')), 9);
  });

  it('an unknown origin is a 404', () => {
    expect(() => nearestOffices(seeded, 'XXX')).toThrow(NotFoundError);
  });
});

describe.each(providers())('getOffice (%s)', (provider) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(provider);
    await seed(db.prisma, { production: true });
  });
  afterAll(() => db?.close());

  it('reads the same typed office through the driver and through Prisma', async () => {
    const viaSql = await getOffice(db.sql, 'JAP');
    const viaPrisma = await getOffice(db.prisma, 'JAP');
    expect(viaSql).toEqual(viaPrisma);
    expect(viaSql).toMatchObject({ code: 'JAP', timeZone: 'Asia/Jayapura', dailyQuota: 60, stock: { ordinary: 300, electronic: 0 } });
    expect(viaSql.sessions).toEqual([
      { id: 'pagi', start: '08:00', end: '12:00', share: 0.5 },
      { id: 'siang', start: '13:00', end: '15:00', share: 0.5 },
    ]);
    expect(typeof viaSql.lat).toBe('number');
  });

  it('unknown code → NotFoundError', async () => {
    await expect(getOffice(db.sql, 'XXX')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOffice(db.prisma, 'XXX')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists every office by code', async () => {
    expect((await listOffices(db.sql)).map((o) => o.code)).toEqual([...seeded.map((o) => o.code)].sort());
  });
});
