/**
 * Places: a guarded counter per office, day, session and kind (`booked < capacity` in one UPDATE,
 * so no number of concurrent requests or server processes can take more places than there are),
 * and a Booking row per place an application holds.
 */
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../../db/sql.ts';
import { ConflictError } from '../../errors.ts';

export type Place = { officeCode: string; date: string; session: string; kind: 'regular' | 'express' };

/** 409 `slot-full`: what a request for a place that is not there gets (from the hook, or early from placeLeft). */
export function slotFull(place: Place): ConflictError {
  return new ConflictError(
    'slot-full',
    {
      id: `Tempat pada ${place.date} sesi ${place.session} baru saja habis. Pilih tanggal atau sesi lain; isian Anda tetap tersimpan.`,
      en: `The last place on ${place.date}, session ${place.session}, was just taken. Pick another date or session; your answers are kept.`,
    },
    { place },
    { id: 'Tempat sudah penuh', en: 'No places left' },
  );
}

/**
 * The rush's fast refusal (a precheck, outside the transaction): throws `slot-full` when the
 * place's counter already says full and the application holds none of its places (a place it
 * holds is given back before reservePlace, so a full counter does not refuse it). A counter not
 * yet written, or not full, lets the request through: reservePlace decides, in the transaction.
 */
export async function refuseWhenFull(sql: SqlRunner, applicationId: string, place: Place): Promise<void> {
  const row = await sql.get<{ booked: number; capacity: number; mine: number }>(
    'SELECT c."booked" AS "booked", c."capacity" AS "capacity", (SELECT COUNT(*) FROM "Booking" b WHERE b."applicationId" = ? AND b."status" = ? AND b."officeCode" = c."officeCode" AND b."date" = c."date" AND b."session" = c."session" AND b."kind" = c."kind") AS "mine" FROM "SlotCounter" c WHERE c."officeCode" = ? AND c."date" = ? AND c."session" = ? AND c."kind" = ?',
    [applicationId, 'held', place.officeCode, place.date, place.session, place.kind],
  );
  if (row && Number(row.booked) >= Number(row.capacity) && Number(row.mine) === 0) throw slotFull(place);
}

/** Takes one place for `applicationId` or throws 409 `slot-full`. Runs inside the event's transaction. */
export async function reservePlace(tx: SqlRunner, applicationId: string, place: Place, capacity: number, now: string): Promise<void> {
  await tx.run(
    'INSERT INTO "SlotCounter" ("officeCode", "date", "session", "kind", "capacity", "booked") VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT ("officeCode", "date", "session", "kind") DO NOTHING',
    [place.officeCode, place.date, place.session, place.kind, capacity],
  );
  const taken = await tx.run(
    'UPDATE "SlotCounter" SET "booked" = "booked" + 1 WHERE "officeCode" = ? AND "date" = ? AND "session" = ? AND "kind" = ? AND "booked" < "capacity"',
    [place.officeCode, place.date, place.session, place.kind],
  );
  if (taken !== 1) throw slotFull(place);
  await tx.run(
    'INSERT INTO "Booking" ("id", "applicationId", "officeCode", "date", "session", "kind", "status", "createdAt", "releasedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    [randomUUID(), applicationId, place.officeCode, place.date, place.session, place.kind, 'held', now],
  );
}

/** Gives back every place `applicationId` holds; resolves to how many. Safe to call when it holds none. */
export async function releasePlaces(tx: SqlRunner, applicationId: string, now: string): Promise<number> {
  const held = await tx.all<{ id: string } & Place>(
    'SELECT "id", "officeCode", "date", "session", "kind" FROM "Booking" WHERE "applicationId" = ? AND "status" = ?',
    [applicationId, 'held'],
  );
  for (const b of held) {
    const released = await tx.run('UPDATE "Booking" SET "status" = ?, "releasedAt" = ? WHERE "id" = ? AND "status" = ?', ['released', now, b.id, 'held']);
    if (released !== 1) continue;
    await tx.run(
      'UPDATE "SlotCounter" SET "booked" = "booked" - 1 WHERE "officeCode" = ? AND "date" = ? AND "session" = ? AND "kind" = ? AND "booked" > 0',
      [b.officeCode, b.date, b.session, b.kind],
    );
  }
  return held.length;
}
