/**
 * Where applications of one flow version sit and how long they stay (the auditor's heatmap),
 * read from the tallies kept with every event (server/runtime/state-tally.ts): a handful of
 * indexed reads per state, whatever the size of the log.
 *
 * A "stay" is an application's time in one state: it starts with the event that entered the
 * state and ends with the first event that left it (self-transitions and events that keep the
 * state do not start a new stay).
 */
import type { SqlRunner } from '../db/sql.ts';
import { UnavailableError } from '../errors.ts';
import { histogramMedian, stateTalliesBuilt } from '../runtime/state-tally.ts';

export type StateStats = {
  /** The state as stored (`stateString`: dotted path, parallel regions joined by commas). */
  state: string;
  /** Applications in the state now. */
  count: number;
  /** Median time the applications now in the state have been there (seconds), null if none. */
  medianAgeSeconds: number | null;
  /** Every stay, past and current. */
  visits: number;
  /** Median length of the stays that ended (seconds, within about 2%), null if none ended. */
  medianStaySeconds: number | null;
};

export type FlowStateStats = { flow: string; version: number; at: string; applications: number; states: StateStats[] };

/** 503 while the tallies are still being built from the logs of an older database (see buildStateTallies). */
export class TalliesNotReady extends UnavailableError {
  constructor() {
    super('figures-not-ready', {
      id: 'Angka per tahap sedang dihitung dari riwayat permohonan lama. Coba lagi beberapa menit lagi.',
      en: 'The figures per state are still being counted from the history of older applications. Try again in a few minutes.',
    });
  }
}

const num = (v: unknown) => Number(v ?? 0);

/** Index entries one read may walk past (a few milliseconds on SQLite, whose reads hold the event loop). */
const STEP = 20_000;

/**
 * The median of `stateSince` among the `count` applications in the state, as an age at `now`
 * (seconds). The k-th entry of the index (flowKey, flowVersion, state, stateSince, id) is reached
 * in steps of at most `step` entries, each a keyset read after the last entry reached, with a turn
 * of the event loop between steps: a state holding a million applications costs some fifty short
 * reads, never one long one. No sort and no table rows either way.
 */
async function medianAge(sql: SqlRunner, flow: string, version: number, state: string, count: number, now: number, step: number): Promise<number | null> {
  if (count <= 0) return null;
  const base = 'SELECT "stateSince", "id" FROM "Application" WHERE "flowKey" = ? AND "flowVersion" = ? AND "state" = ? AND "stateSince" IS NOT NULL';
  type Entry = { stateSince: string; id: string };
  let at: Entry | null = null;
  let reached = -1; // the index of `at` among the state's entries
  const walkTo = async (k: number): Promise<Entry | null> => {
    while (reached < k) {
      const skip = Math.min(step, k - reached) - 1;
      if (at) await new Promise((resolve) => setImmediate(resolve));
      const next: Entry | undefined = at
        ? await sql.get<Entry>(`${base} AND ("stateSince", "id") > (?, ?) ORDER BY "stateSince", "id" LIMIT 1 OFFSET ?`, [flow, version, state, at.stateSince, at.id, skip])
        : await sql.get<Entry>(`${base} ORDER BY "stateSince", "id" LIMIT 1 OFFSET ?`, [flow, version, state, skip]);
      if (!next) return null; // fewer entries than the tally says (an event committed meanwhile)
      at = next;
      reached += skip + 1;
    }
    return at;
  };
  const age = (e: Entry | null) => (e ? Math.max(0, Math.round((now - Date.parse(e.stateSince)) / 1000)) : null);
  const lo = age(await walkTo((count - 1) >> 1));
  const hi = count % 2 ? lo : age(await walkTo(count >> 1));
  return lo === null || hi === null ? null : (lo + hi) / 2;
}

/** `step`: index entries one read walks past at most (tests set a small one). */
export async function flowStateStats(sql: SqlRunner, flow: string, version: number, now: Date, step = STEP): Promise<FlowStateStats> {
  if (!(await stateTalliesBuilt(sql))) throw new TalliesNotReady();
  const tallies = await sql.all<{ state: string; count: number | string; visits: number | string }>(
    'SELECT "state", SUM("count") AS "count", SUM("visits") AS "visits" FROM "StateTally" WHERE "flowKey" = ? AND "flowVersion" = ? GROUP BY "state"',
    [flow, version],
  );
  const stays = await sql.all<{ state: string; bucket: number | string; n: number | string }>(
    'SELECT "state", "bucket", SUM("n") AS "n" FROM "StayTally" WHERE "flowKey" = ? AND "flowVersion" = ? GROUP BY "state", "bucket"',
    [flow, version],
  );
  const byState = new Map<string, { bucket: number; n: number }[]>();
  for (const s of stays) {
    let list = byState.get(s.state);
    if (!list) byState.set(s.state, (list = []));
    list.push({ bucket: num(s.bucket), n: num(s.n) });
  }
  const states: StateStats[] = [];
  for (const t of tallies) {
    const count = num(t.count);
    states.push({
      state: t.state,
      count,
      medianAgeSeconds: await medianAge(sql, flow, version, t.state, count, now.getTime(), step),
      visits: num(t.visits),
      medianStaySeconds: histogramMedian(byState.get(t.state) ?? []),
    });
  }
  states.sort((x, y) => y.count - x.count || y.visits - x.visits || x.state.localeCompare(y.state));
  return { flow, version, at: now.toISOString(), applications: states.reduce((n, s) => n + s.count, 0), states };
}
