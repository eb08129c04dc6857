/**
 * Where applications of one flow version sit and how long they stay (the auditor's heatmap).
 * A "stay" is an application's time in one state: it starts with the event that entered the
 * state and ends with the first event that left it (self-transitions and events that keep the
 * state do not start a new stay). Stays still open are the applications now in the state.
 *
 * The log is read in pages in (applicationId, seq) order, so memory grows with the number of
 * stays' durations, not with the events' data.
 */
import type { SqlRunner } from '../db/sql.ts';

export type StateStats = {
  /** The state as stored (`stateString`: dotted path, parallel regions joined by commas). */
  state: string;
  /** Applications in the state now. */
  count: number;
  /** Median time the applications now in the state have been there (seconds), null if none. */
  medianAgeSeconds: number | null;
  /** Every stay, past and current. */
  visits: number;
  /** Median length of the stays that ended (seconds), null if none ended. */
  medianStaySeconds: number | null;
};

export type FlowStateStats = { flow: string; version: number; at: string; applications: number; states: StateStats[] };

const PAGE = 2000;

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

type Acc = { count: number; ages: number[]; visits: number; stays: number[] };

export async function flowStateStats(sql: SqlRunner, flow: string, version: number, now: Date): Promise<FlowStateStats> {
  const acc = new Map<string, Acc>();
  const of = (state: string) => {
    let a = acc.get(state);
    if (!a) acc.set(state, (a = { count: 0, ages: [], visits: 0, stays: [] }));
    return a;
  };
  const seconds = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 1000));

  // The current state of each application decides `count` (and closes the last stay as an age).
  const apps = await sql.all<{ id: string; state: string }>(
    'SELECT "id", "state" FROM "Application" WHERE "flowKey" = ? AND "flowVersion" = ?',
    [flow, version],
  );
  const current = new Map(apps.map((a) => [a.id, a.state]));

  let cursor: { app: string; seq: number } | null = null;
  let open: { app: string; state: string; since: string } | null = null;
  const close = (endAt: string | null) => {
    if (!open) return;
    const a = of(open.state);
    if (endAt === null) {
      // still there: an age, counted only if the application row agrees (it always should)
      if (current.get(open.app) === open.state) {
        a.count++;
        a.ages.push(seconds(open.since, now.getTime()));
      }
    } else a.stays.push(seconds(open.since, Date.parse(endAt)));
    open = null;
  };

  for (;;) {
    const page: { applicationId: string; seq: number; at: string; toState: string }[] = await sql.all(
      `SELECT e."applicationId", e."seq", e."at", e."toState" FROM "Event" e
         JOIN "Application" a ON a."id" = e."applicationId"
        WHERE a."flowKey" = ? AND a."flowVersion" = ?${cursor ? ' AND (e."applicationId" > ? OR (e."applicationId" = ? AND e."seq" > ?))' : ''}
        ORDER BY e."applicationId", e."seq" LIMIT ?`,
      cursor ? [flow, version, cursor.app, cursor.app, cursor.seq, PAGE] : [flow, version, PAGE],
    );
    for (const e of page) {
      if (open && open.app !== e.applicationId) close(null);
      if (!open || open.state !== e.toState) {
        close(e.at);
        open = { app: e.applicationId, state: e.toState, since: e.at };
        of(e.toState).visits++;
      }
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    cursor = { app: last.applicationId, seq: last.seq };
  }
  close(null);

  const states = [...acc]
    .map(([state, a]) => ({ state, count: a.count, medianAgeSeconds: median(a.ages), visits: a.visits, medianStaySeconds: median(a.stays) }))
    .sort((x, y) => y.count - x.count || y.visits - x.visits || x.state.localeCompare(y.state));
  return { flow, version, at: now.toISOString(), applications: apps.length, states };
}
