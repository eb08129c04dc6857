/**
 * The draws in public (docs/api.md): `GET /api/offices/:code/draws` (an office's coming and recent
 * draws with their seed hashes, so anyone can note a hash before its window opens) and
 * `GET /api/offices/:code/draws/:id` (one draw: places, entries count, seed hash; once drawn the
 * seed, the entries, the winners and the result hash, everything `npm run verify:draw` needs).
 * No login: the numbers are public, the entries are opaque ids.
 */
import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';
import { todayIn } from '../../calendar/calendar.ts';
import { listDraws, publishDraw, runDraws, startDrawWorker } from './draws.ts';
import { getOffice } from './offices.ts';

const CODE = /^[A-Za-z0-9_-]{1,20}$/;
const DRAW_ID = /^\d{4}-\d\d-\d\d-[A-Za-z0-9_]{1,40}-(regular|express)$/;

function param(value: string | undefined, pattern: RegExp, pointer: string): string {
  if (!value || !pattern.test(value)) {
    throw new ValidationError([{ pointer, message: `malformed ${pointer.slice(1)}`, messages: { id: `${pointer.slice(1)} tidak sah`, en: `malformed ${pointer.slice(1)}` } }]);
  }
  return value;
}

export function drawsRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/offices/:code/draws', async (req, res) => {
    const code = param(req.params.code, CODE, '/code');
    const office = await getOffice(deps.sql, code);
    const from = typeof req.query.from === 'string' && /^\d{4}-\d\d-\d\d$/.test(req.query.from) ? req.query.from : todayIn(office.timeZone, deps.clock.now());
    res.json({ officeCode: office.code, from, draws: await listDraws(deps.sql, office.code, from) });
  });
  r.get('/offices/:code/draws/:id', async (req, res) => {
    const code = param(req.params.code, CODE, '/code');
    const id = param(req.params.id, DRAW_ID, '/id');
    const draw = await publishDraw(deps.sql, code, id);
    res.set('Cache-Control', draw.status === 'drawn' ? 'public, max-age=60' : 'no-store').json(draw);
  });
  return r;
}

/** `POST /api/dev/draws/run` (outside production): one round of the draw worker now; answers what it did. */
export function drawsDevRouter(deps: AppDeps): Router {
  const r = Router();
  r.post('/draws/run', async (_req, res) => {
    await deps.manualClock?.refresh();
    res.json(await runDraws(deps));
  });
  return r;
}

const installed = new WeakSet<object>();

/**
 * Runs the draw worker alongside the scheduler (the pack has no job interface of its own): it
 * starts and stops with `deps.scheduler`, and a kick of the scheduler (the dev clock moved) runs a
 * round at once. Installed once per deps.
 */
export function runDrawsWithScheduler(deps: AppDeps): void {
  const scheduler = deps.scheduler;
  if (installed.has(scheduler)) return;
  installed.add(scheduler);
  let worker: ReturnType<typeof startDrawWorker> | null = null;
  const start = scheduler.start.bind(scheduler);
  const halt = scheduler.stop.bind(scheduler);
  const kick = scheduler.kick.bind(scheduler);
  scheduler.start = () => {
    start();
    worker ??= startDrawWorker(deps, Math.max(deps.config.schedulerIntervalMs, 1_000));
  };
  scheduler.stop = async () => {
    worker?.stop();
    worker = null;
    await halt();
  };
  // The scheduler's own interval calls this too (`this.kick()`): the worker runs one round at a time.
  scheduler.kick = () => {
    kick();
    worker?.kick();
  };
}
