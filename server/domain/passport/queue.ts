/** Queue numbers per office and day, and the unguessable code the QR carries. */
import { randomInt } from 'node:crypto';
import type { SqlRunner } from '../../db/sql.ts';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud at a counter

/** The next number of the office's queue on `date` (1, 2, …), atomically. */
export async function nextQueueNumber(tx: SqlRunner, officeCode: string, date: string): Promise<number> {
  const row = await tx.get<{ last: number }>(
    'INSERT INTO "QueueCounter" ("officeCode", "date", "last") VALUES (?, ?, 1) ON CONFLICT ("officeCode", "date") DO UPDATE SET "last" = "QueueCounter"."last" + 1 RETURNING "last"',
    [officeCode, date],
  );
  if (!row) throw new Error('queue counter returned nothing');
  return Number(row.last);
}

/** `ATB-20261201-017-K7QX2M`: office, day, number and six random characters (so codes cannot be guessed). */
export function queueCode(officeCode: string, date: string, queueNumber: number): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${officeCode}-${date.replaceAll('-', '')}-${String(queueNumber).padStart(3, '0')}-${suffix}`;
}
