/**
 * The draw's lottery, pure (README "How places open"): anyone holding a draw's published JSON can
 * recompute its winners with this file alone (scripts/verify-draw.ts does).
 *
 *   seedHash = hex(sha256(seed))                      seed: 32 bytes, published as 64 hex digits
 *   key(e)   = hex(sha256(seed || utf8(e.entryId)))   for every entry e
 *   order    = the entries sorted by key, ascending (then by entryId)
 *   winners  = first the priority entries in that order, at most priorityPlaces of them; then the
 *              places left go to the entries not yet chosen, in that order; listed in that order
 *   resultHash = hex(sha256(utf8(winners.join("\n"))))
 */
import { createHash } from 'node:crypto';

export const DRAW_ALGORITHM = 'alur-draw-v1';

export type LotteryEntry = { entryId: string; priority: boolean };
export type LotteryInput = { seed: string; entries: readonly LotteryEntry[]; places: number; priorityPlaces: number };
export type LotteryResult = { order: string[]; winners: string[]; resultHash: string };

const SEED = /^[0-9a-f]{64}$/;

const sha256 = (...parts: (Buffer | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

function seedBytes(seed: string): Buffer {
  if (!SEED.test(seed)) throw new RangeError('a draw seed is 64 lower-case hex digits (32 bytes)');
  return Buffer.from(seed, 'hex');
}

/** The published hash of a seed: hex(sha256(the 32 seed bytes)). */
export function seedHashOf(seed: string): string {
  return sha256(seedBytes(seed));
}

/** The public id of an application's entry in a draw: 16 hex digits, stable, revealing nothing of the applicant. */
export function entryIdFor(officeCode: string, drawId: string, applicationId: string): string {
  return sha256(`alur-draw-entry\n${officeCode}/${drawId}\n${applicationId}`).slice(0, 16);
}

/** Who wins `places` places (see the file comment); deterministic in its input. */
export function runLottery({ seed, entries, places, priorityPlaces }: LotteryInput): LotteryResult {
  const bytes = seedBytes(seed);
  const keyed = entries.map((e) => ({ ...e, key: sha256(bytes, e.entryId) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  const total = Math.max(0, Math.floor(places));
  const chosen = new Set<string>();
  for (const e of keyed) {
    if (chosen.size >= Math.min(total, Math.max(0, Math.floor(priorityPlaces)))) break;
    if (e.priority) chosen.add(e.entryId);
  }
  for (const e of keyed) {
    if (chosen.size >= total) break;
    chosen.add(e.entryId);
  }
  const order = keyed.map((e) => e.entryId);
  const winners = order.filter((id) => chosen.has(id));
  return { order, winners, resultHash: sha256(winners.join('\n')) };
}

/** The published form of a drawn draw, as `GET /api/offices/:code/draws/:id` gives it. */
export type PublishedDraw = {
  algorithm: string;
  seed: string | null;
  seedHash: string;
  places: number | null;
  priorityPlaces: number | null;
  entries?: LotteryEntry[];
  winners?: string[];
  resultHash: string | null;
};

/** Recomputes a published draw: what differs from what was published (empty: it checks out). */
export function verifyPublishedDraw(d: PublishedDraw): string[] {
  const problems: string[] = [];
  if (d.algorithm !== DRAW_ALGORITHM) problems.push(`unknown algorithm ${JSON.stringify(d.algorithm)} (this verifier knows ${DRAW_ALGORITHM})`);
  if (!d.seed || d.places === null || d.priorityPlaces === null || !d.entries || !d.winners || !d.resultHash) {
    return [...problems, 'the draw has not been drawn yet: no seed, entries or result published'];
  }
  if (seedHashOf(d.seed) !== d.seedHash) problems.push('sha256(seed) differs from the seed hash published before the window opened');
  const again = runLottery({ seed: d.seed, entries: d.entries, places: d.places, priorityPlaces: d.priorityPlaces });
  if (again.winners.join('\n') !== d.winners.join('\n')) problems.push(`the winners differ: recomputed ${again.winners.length}, published ${d.winners.length}`);
  if (again.resultHash !== d.resultHash) problems.push(`the result hash differs: recomputed ${again.resultHash}, published ${d.resultHash}`);
  return problems;
}
