/**
 * Audit check: replays each application's event log from the start with the pure engine and
 * compares the result with the stored snapshot, and recomputes every hash of the chain.
 */
import { apply as applyEvent, start } from '#machines/engine.ts';
import { canonicalJson } from '#machines/canonical-json.ts';
import type { Actor, EngineEvent, FlowInput } from '#machines/types.ts';
import type { SqlRunner } from '../db/sql.ts';
import type { FlowCatalog } from '../flows/catalog.ts';
import { eventHash, GENESIS_HASH } from './hash.ts';
import { listEvents, loadApplication, type ApplicationRow, type EventRow } from './event-store.ts';

export type Mismatch = { applicationId: string; seq?: number; problem: string };
export type VerifyReport = { checked: number; events: number; mismatches: Mismatch[] };

const actorOf = (e: EventRow): Actor => ({ id: e.actorId, role: e.actorRole as Actor['role'] });

/** Verifies one application; returns its mismatches (empty when the log and the snapshot agree). */
export async function verifyApplication(sql: SqlRunner, catalog: FlowCatalog, row: ApplicationRow): Promise<{ events: number; mismatches: Mismatch[] }> {
  const out: Mismatch[] = [];
  const bad = (problem: string, seq?: number) => out.push({ applicationId: row.id, ...(seq !== undefined ? { seq } : {}), problem });
  const events = await listEvents(sql, row.id);

  // 1. The hash chain.
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    if (e.seq !== i + 1) bad(`sequence gap: expected seq ${i + 1}, found ${e.seq}`, e.seq);
    if (e.prevHash !== prev) bad('prevHash does not match the previous event', e.seq);
    const expected = eventHash(e.prevHash, e);
    if (e.hash !== expected) bad('hash does not match the event content (the row was changed)', e.seq);
    prev = e.hash;
  });
  if (events.length !== row.lastSeq) bad(`the application says ${row.lastSeq} events, the log holds ${events.length}`);
  if (events.length && row.lastHash !== prev) bad('the application\'s lastHash is not the hash of its last event');

  // 2. Replay.
  const first = events[0];
  if (!first || first.type !== 'START') {
    bad('the log does not begin with START');
    return { events: events.length, mismatches: out };
  }
  try {
    const flow = await catalog.flow(row.flowKey, row.flowVersion);
    let step = start(flow, JSON.parse(first.data) as FlowInput, first.at, actorOf(first));
    if (step.state !== first.toState) bad(`replayed start state ${step.state}, logged ${first.toState}`, 1);
    for (const e of events.slice(1)) {
      const event: EngineEvent = {
        type: e.type,
        data: JSON.parse(e.data) as Record<string, unknown>,
        ...(e.facts ? { facts: JSON.parse(e.facts) as Record<string, unknown> } : {}),
        now: e.at,
        actor: actorOf(e),
      };
      const result = applyEvent(flow, step.snapshot, event);
      if (!result.accepted) {
        bad(`replay: ${e.type} is not accepted in ${result.from}`, e.seq);
        return { events: events.length, mismatches: out };
      }
      step = result.step;
      if (step.state !== e.toState) bad(`replayed state ${step.state}, logged ${e.toState}`, e.seq);
    }
    if (canonicalJson(step.snapshot) !== canonicalJson(JSON.parse(row.snapshot))) bad('the replayed snapshot differs from the stored snapshot');
    if (step.state !== row.state) bad(`replayed state ${step.state}, stored ${row.state}`);
  } catch (err) {
    bad(`replay failed: ${(err as Error).message}`);
  }
  return { events: events.length, mismatches: out };
}

/** Verifies the applications selected (all, one id, or one flow key), in pages. */
export async function verifyAll(sql: SqlRunner, catalog: FlowCatalog, filter: { applicationId?: string; flow?: string } = {}): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, events: 0, mismatches: [] };
  if (filter.applicationId) {
    const row = await loadApplication(sql, filter.applicationId);
    if (!row) return report;
    const r = await verifyApplication(sql, catalog, row);
    return { checked: 1, events: r.events, mismatches: r.mismatches };
  }
  let after = '';
  for (;;) {
    const ids = filter.flow
      ? await sql.all<{ id: string }>('SELECT "id" FROM "Application" WHERE "id" > ? AND "flowKey" = ? ORDER BY "id" LIMIT 500', [after, filter.flow])
      : await sql.all<{ id: string }>('SELECT "id" FROM "Application" WHERE "id" > ? ORDER BY "id" LIMIT 500', [after]);
    if (ids.length === 0) return report;
    for (const { id } of ids) {
      const row = await loadApplication(sql, id);
      if (!row) continue;
      const r = await verifyApplication(sql, catalog, row);
      report.checked++;
      report.events += r.events;
      report.mismatches.push(...r.mismatches);
    }
    after = ids[ids.length - 1]!.id;
  }
}
