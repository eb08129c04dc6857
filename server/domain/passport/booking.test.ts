import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../errors.ts';
import { providers } from '../../testing/databases.ts';
import { openTestDb, type TestDb } from '../../testing/harness.ts';
import { refuseWhenFull, reservePlace, type Place } from './booking.ts';

const NOW = '2026-12-01T01:00:00.000Z';
const place: Place = { officeCode: 'ATB', date: '2026-12-07', session: 'pagi', kind: 'regular' };

describe.each(providers())('the early refusal of a full place (%s)', (provider) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb(provider);
  });
  afterEach(() => db.close());

  const fill = (capacity: number, ids: string[]) =>
    db.sql.transaction(async (tx) => {
      for (const id of ids) await reservePlace(tx, id, place, capacity, NOW);
    });

  it('lets a request through while the counter is unwritten or has places left', async () => {
    await expect(refuseWhenFull(db.sql, 'a', place)).resolves.toBeUndefined();
    await fill(2, ['b']);
    await expect(refuseWhenFull(db.sql, 'a', place)).resolves.toBeUndefined();
  });

  it('refuses with the hook’s own 409 slot-full once the counter is full', async () => {
    await fill(2, ['b', 'c']);
    const early = (await refuseWhenFull(db.sql, 'a', place).catch((e: unknown) => e)) as ConflictError;
    const late = (await fill(2, ['a']).catch((e: unknown) => e)) as ConflictError;
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.code).toBe('slot-full');
    expect({ status: early.status, code: early.code, title: early.title, detail: early.detail, extensions: early.extensions }).toEqual({
      status: late.status,
      code: late.code,
      title: late.title,
      detail: late.detail,
      extensions: late.extensions,
    });
  });

  it('lets an application that holds one of the places through (it gives its own back first)', async () => {
    await fill(2, ['b', 'c']);
    await expect(refuseWhenFull(db.sql, 'b', { ...place })).resolves.toBeUndefined();
    await expect(refuseWhenFull(db.sql, 'b', { ...place, session: 'siang' })).resolves.toBeUndefined(); // no counter there
  });
});
