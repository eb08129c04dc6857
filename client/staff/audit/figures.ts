/** The auditor's figures from API answers: the path taken (visits per state) and the heatmap. Pure. */
import { statePaths } from '../statechart/graph.ts';

export type HistoryItem = {
  seq: number;
  type: string;
  actor: string;
  actorRole?: string;
  at: string;
  from: string | null;
  to: string;
  data: unknown;
  facts?: unknown;
};

export type StateStat = { state: string; count: number; medianAgeSeconds: number | null; visits?: number; medianStaySeconds?: number | null };
export type FlowStates = { flow: string; version: number; at: string; applications: number; states: StateStat[] };

/**
 * Visits per state id along the history, counted as the server's heatmap counts stays
 * (server/audit/state-stats.ts): an event whose `to` differs from the state before it enters
 * that state (and each ancestor it was not already in); events that keep the state (a
 * reminder, a self-transition) start no new visit. Pure.
 */
export function visitsOf(history: readonly Pick<HistoryItem, 'from' | 'to'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  let before = new Set<string>();
  let last: string | null = null;
  for (const e of history) {
    if (e.to === last) continue;
    const now = new Set(statePaths(e.to));
    for (const id of now) if (!before.has(id)) out[id] = (out[id] ?? 0) + 1;
    before = now;
    last = e.to;
  }
  return out;
}

/** The heatmap overlay of a `/api/audit/flows/:key/states` answer. Pure. */
export function heatOf(stats: FlowStates): Record<string, { count: number; medianAgeSeconds: number | null; medianStaySeconds: number | null }> {
  const out: Record<string, { count: number; medianAgeSeconds: number | null; medianStaySeconds: number | null }> = {};
  for (const s of stats.states) out[s.state] = { count: s.count, medianAgeSeconds: s.medianAgeSeconds, medianStaySeconds: s.medianStaySeconds ?? null };
  return out;
}
