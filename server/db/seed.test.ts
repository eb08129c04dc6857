import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../accounts/password.ts';
import { freshPrisma, providers, type FreshPrisma } from '../testing/databases.ts';
import type { Db } from './client.ts';
import { REPO_ROOT } from './migrate.ts';
import { OFFICE_ADDRESSES, seedAddress } from './office-addresses.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, REPO_SEED_DATA_DIR, seed } from './seed.ts';

/** Every row seed writes, in a stable order. */
async function dump(db: Db) {
  return {
    offices: await db.office.findMany({ orderBy: { code: 'asc' } }),
    holidays: await db.holiday.findMany({ orderBy: { date: 'asc' } }),
    users: await db.user.findMany({ orderBy: { email: 'asc' } }),
  };
}

describe.each(providers())('seed on %s', (provider) => {
  let t: FreshPrisma;
  beforeEach(async () => {
    t = await freshPrisma(provider);
  });
  afterEach(() => t.drop());

  it('loads offices, holidays and demo accounts; a second run changes nothing', async () => {
    const logs: string[] = [];
    const first = await seed(t.db, { production: false, log: (m) => logs.push(m) });
    expect(first).toEqual({
      offices: { total: 7, created: 7, addressesFilled: 0 },
      holidays: { total: 25, created: 25 },
      users: { total: DEMO_ACCOUNTS.length, created: DEMO_ACCOUNTS.length },
    });
    expect(logs).toHaveLength(1);
    const before = await dump(t.db);

    const second = await seed(t.db, { production: false });
    expect(second.offices.created + second.offices.addressesFilled + second.holidays.created + second.users.created).toBe(0);
    expect(await dump(t.db)).toEqual(before);

    const { offices, holidays, users } = before;
    expect(offices.map((o) => o.code)).toEqual(['AMQ', 'ATB', 'DPS', 'JAP', 'JKS', 'KPG', 'MDN']);
    const atb = offices.find((o) => o.code === 'ATB')!;
    expect(atb).toMatchObject({ timeZone: 'Asia/Makassar', dailyQuota: 56, expressQuota: 10, city: 'Atambua' });
    expect(atb.address).toBe('Atambua, Kabupaten Belu, Nusa Tenggara Timur');
    // every seeded office gets its public address (a street where a public source names one)
    for (const o of offices) expect(o.address, o.code).toBe(OFFICE_ADDRESSES[o.code]!.address);
    expect(offices.find((o) => o.code === 'JKS')!.address).toMatch(/^Jl\. Warung Buncit Raya No\. 207, /);
    expect(atb.sessions).toEqual([
      { id: 'pagi', start: '08:00', end: '12:00', share: 0.5 },
      { id: 'siang', start: '13:00', end: '15:00', share: 0.5 },
    ]);
    expect(atb.stock).toEqual({ ordinary: 200, electronic: 400 });

    expect(holidays).toHaveLength(25);
    expect(holidays.every((h) => h.year === 2026 && h.date.startsWith('2026-'))).toBe(true);
    expect(holidays.filter((h) => h.kind === 'national')).toHaveLength(17);
    expect(holidays.filter((h) => h.kind === 'collective')).toHaveLength(8);
    expect(holidays[0]).toMatchObject({ date: '2026-01-01', kind: 'national', name: { id: 'Tahun Baru 2026 Masehi', en: "New Year's Day" } });

    expect(users.map((u) => u.email).sort()).toEqual(
      ['admin@alur.test', 'applicant@alur.test', 'auditor@alur.test', 'intel@alur.test', 'officer@alur.test', 'policy@alur.test', 'verifier@alur.test'],
    );
    for (const u of users) {
      const demo = DEMO_ACCOUNTS.find((a) => a.email === u.email)!;
      expect(u.roles).toEqual([demo.role]);
      expect(u.verifiedAt).toBeInstanceOf(Date);
      expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(users.find((u) => u.email === 'officer@alur.test')).toMatchObject({ roles: ['officer'], officeCode: 'ATB', groups: [] });
    expect(users.find((u) => u.email === 'verifier@alur.test')).toMatchObject({ roles: ['officer'], officeCode: null, groups: ['verification'] });
    const admin = users.find((u) => u.email === 'admin@alur.test')!;
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash)).toBe(true);
  });

  it('seeds no demo accounts in production', async () => {
    const r = await seed(t.db, { production: true });
    expect(r.users).toEqual({ total: 0, created: 0 });
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.office.count()).toBe(7);
    expect(await t.db.holiday.count({ where: { year: 2026 } })).toBe(25);
  });

  it('fills in the placeholder address an earlier seed wrote, never an address someone set', async () => {
    await seed(t.db, { production: false });
    // as the first seeds left them: `<name>, <city>, <province>`, or empty
    await t.db.office.update({ where: { code: 'ATB' }, data: { address: 'Kantor Imigrasi Kelas II TPI Atambua, Atambua, Nusa Tenggara Timur' } });
    await t.db.office.update({ where: { code: 'MDN' }, data: { address: '' } });
    await t.db.office.update({ where: { code: 'JKS' }, data: { address: 'Gedung baru, Jl. Contoh 1, Jakarta Selatan' } }); // an admin's edit
    const r = await seed(t.db, { production: false });
    expect(r.offices).toEqual({ total: 7, created: 0, addressesFilled: 2 });
    const byCode = Object.fromEntries((await t.db.office.findMany()).map((o) => [o.code, o.address]));
    expect(byCode.ATB).toBe(OFFICE_ADDRESSES.ATB!.address);
    expect(byCode.MDN).toBe(OFFICE_ADDRESSES.MDN!.address);
    expect(byCode.JKS).toBe('Gedung baru, Jl. Contoh 1, Jakarta Selatan');
    expect((await seed(t.db, { production: false })).offices.addressesFilled).toBe(0);
  });

  it('keeps what admins changed after the first seed', async () => {
    await seed(t.db, { production: false });
    await t.db.office.update({ where: { code: 'ATB' }, data: { dailyQuota: 70 } });
    await t.db.user.update({ where: { email: 'admin@alur.test' }, data: { fullName: 'Renamed' } });
    await t.db.holiday.delete({ where: { date: '2026-01-01' } });
    const r = await seed(t.db, { production: false });
    expect(r.holidays.created).toBe(1); // missing rows come back
    expect((await t.db.office.findUniqueOrThrow({ where: { code: 'ATB' } })).dailyQuota).toBe(70);
    expect((await t.db.user.findUniqueOrThrow({ where: { email: 'admin@alur.test' } })).fullName).toBe('Renamed');
  });
});

describe('seed data folder', () => {
  it('ships a copy in the repo', () => {
    expect(existsSync(path.join(REPO_SEED_DATA_DIR, 'offices.json'))).toBe(true);
  });

  const shared = path.resolve(REPO_ROOT, '../shared/data');
  it.skipIf(!existsSync(shared))('the repo copy is identical to ../shared/data', () => {
    const names = readdirSync(shared).filter((f) => f === 'offices.json' || /^holidays-id-.*\.json$/.test(f));
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(REPO_SEED_DATA_DIR).sort()).toEqual(names.sort());
    for (const f of names) {
      expect(readFileSync(path.join(REPO_SEED_DATA_DIR, f), 'utf8'), f).toBe(readFileSync(path.join(shared, f), 'utf8'));
    }
  });
});

describe('office addresses', () => {
  const offices = (JSON.parse(readFileSync(path.join(REPO_SEED_DATA_DIR, 'offices.json'), 'utf8')) as { offices: { code: string; name: string; city: string; province: string }[] }).offices;

  it('has one for every seeded office, under its exact name, naming its city and province', () => {
    expect(Object.keys(OFFICE_ADDRESSES).sort()).toEqual(offices.map((o) => o.code).sort());
    for (const o of offices) {
      const known = OFFICE_ADDRESSES[o.code]!;
      expect(known.name, o.code).toBe(o.name);
      expect(known.address, o.code).toContain(o.province);
    }
  });

  it("a seed file's own address wins; an office the list does not know by code and name gets the placeholder", () => {
    const atb = offices.find((o) => o.code === 'ATB')!;
    expect(seedAddress({ ...atb, address: 'Jl. Dari Berkas 1' })).toBe('Jl. Dari Berkas 1');
    expect(seedAddress({ ...atb, name: 'Kantor Lain' })).toBe('Kantor Lain, Atambua, Nusa Tenggara Timur');
    expect(seedAddress({ code: 'XYZ', name: 'Kantor X', city: 'Kota', province: 'Provinsi' })).toBe('Kantor X, Kota, Provinsi');
  });
});
