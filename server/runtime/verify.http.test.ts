/**
 * A verification split into ranges of application ids (`npm run verify --jobs`) adds up to the
 * verification of the whole log: every log in exactly one range, a changed event and a
 * deleted application's log reported once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneApplications } from '../testing/bulk.ts';
import { providers } from '../testing/databases.ts';
import { startTestServer } from '../testing/harness.ts';
import { idRanges, mergeReports, verifyAll, type IdRange, type VerifyReport } from './verify.ts';

const details = { fullName: 'Maria Seran', age: 35, email: 'maria@example.id', officeCode: 'ATB' };

describe('idRanges', () => {
  it('cuts the id space into n ranges that meet end to end, open at both ends', () => {
    expect(idRanges(1)).toEqual([{}]);
    expect(idRanges(2)).toEqual([{ to: '80000000' }, { from: '80000000' }]);
    expect(idRanges(4).map((r) => [r.from, r.to])).toEqual([
      [undefined, '40000000'],
      ['40000000', '80000000'],
      ['80000000', 'c0000000'],
      ['c0000000', undefined],
    ]);
    const seven = idRanges(7);
    expect(seven).toHaveLength(7);
    for (let i = 1; i < seven.length; i++) expect(seven[i]!.from).toBe(seven[i - 1]!.to);
  });
});

describe.each(providers())('verifyAll by ranges of application ids (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let tampered: string;
  let deleted: string;
  let whole: VerifyReport;

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    const c = srv.client();
    await c.signUp(`ranges-${provider}@example.id`);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await c.post<{ id: string }>('/api/applications', { flow: 'test-permit' })).body.id);
    expect((await c.post(`/api/applications/${ids[1]}/events`, { type: 'SUBMIT', data: details })).status).toBe(200);
    await cloneApplications(srv.deps.sql, ids, 118, { batch: 50 });
    const all = (await srv.deps.sql.all<{ id: string }>('SELECT "id" FROM "Application" ORDER BY "id"')).map((r) => r.id);
    expect(all).toHaveLength(120);
    // One stored event changed, one application row deleted (its log stays).
    tampered = (await srv.deps.sql.get<{ applicationId: string }>('SELECT "applicationId" FROM "Event" WHERE "seq" = 2 ORDER BY "applicationId" LIMIT 1 OFFSET 40'))!
      .applicationId;
    await srv.deps.sql.run('UPDATE "Event" SET "actorRole" = ? WHERE "applicationId" = ? AND "seq" = 2', ['officer', tampered]);
    deleted = all[90]!;
    await srv.deps.sql.run('DELETE FROM "Awaiting" WHERE "applicationId" = ?', [deleted]);
    await srv.deps.sql.run('DELETE FROM "Application" WHERE "id" = ?', [deleted]);
    whole = await verifyAll(srv.deps.sql, srv.deps.catalog);
  }, 120_000);
  afterAll(() => srv?.close());

  it('reports the changed event and the deleted application once in the whole log', () => {
    expect(whole.checked).toBe(120);
    expect(new Set(whole.mismatches.map((m) => m.applicationId))).toEqual(new Set([tampered, deleted]));
    expect(whole.mismatches.filter((m) => m.applicationId === deleted)).toEqual([
      { applicationId: deleted, problem: 'the log has events but the application row is missing (deleted?)' },
    ]);
    expect(whole.mismatches.some((m) => m.applicationId === tampered && m.seq === 2)).toBe(true);
  });

  const byRanges = async (ranges: IdRange[], pageSize?: number) =>
    mergeReports(await Promise.all(ranges.map((idRange) => verifyAll(srv.deps.sql, srv.deps.catalog, { idRange }, pageSize ? { pageSize } : {}))));

  it.each([1, 2, 3, 5, 16])('the reports of %i even ranges add up to the whole report', async (n) => {
    expect(await byRanges(idRanges(n))).toEqual(whole);
  });

  it('cuts exactly at a bound: an id equal to `to` is in the next range, with pages that end inside a log', async () => {
    for (const cut of [tampered, deleted]) {
      const parts = [{ to: cut }, { from: cut }];
      const [below, above] = await Promise.all(parts.map((idRange) => verifyAll(srv.deps.sql, srv.deps.catalog, { idRange }, { pageSize: 7 })));
      expect(below!.mismatches.some((m) => m.applicationId === cut)).toBe(false);
      expect(above!.mismatches[0]!.applicationId).toBe(cut);
      expect(mergeReports([below!, above!])).toEqual(whole);
    }
    const [lo, hi] = [tampered, deleted].sort();
    expect(await byRanges([{ to: lo }, { from: lo, to: hi }, { from: hi }], 5)).toEqual(whole);
  });

  it('narrows by flow within a range', async () => {
    const flow = await verifyAll(srv.deps.sql, srv.deps.catalog, { flow: 'test-permit' });
    expect(mergeReports(await Promise.all(idRanges(3).map((idRange) => verifyAll(srv.deps.sql, srv.deps.catalog, { flow: 'test-permit', idRange }))))).toEqual(flow);
    // The deleted application's row is gone, so a flow cannot name it.
    expect(flow.checked).toBe(119);
  });

  it('reports an event whose copy of its flow (the export by flow files it) is not its application\'s', async () => {
    const other = (await srv.deps.sql.get<{ id: string }>('SELECT "id" FROM "Application" WHERE "id" NOT IN (?, ?) ORDER BY "id" LIMIT 1', [tampered, deleted]))!.id;
    await srv.deps.sql.run('UPDATE "Event" SET "flowKey" = ? WHERE "applicationId" = ? AND "seq" = 1', ['stay-permit-extension', other]);
    try {
      const report = await verifyAll(srv.deps.sql, srv.deps.catalog);
      expect(report.mismatches.filter((m) => m.applicationId === other)).toEqual([
        { applicationId: other, seq: 1, problem: 'the event\'s flowKey is "stay-permit-extension", the application\'s flow is "test-permit" (an export by flow misfiles it)' },
      ]);
    } finally {
      await srv.deps.sql.run('UPDATE "Event" SET "flowKey" = ? WHERE "applicationId" = ? AND "seq" = 1', ['test-permit', other]);
    }
  });
});
