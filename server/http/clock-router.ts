/** `/api/dev/clock`: read and move the manual clock (non-production only); due timers then fire. */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { durationMs } from '../clock.ts';
import { ValidationError } from '../errors.ts';

export function clockRouter(deps: AppDeps): Router {
  const r = Router();
  const clock = deps.manualClock;
  if (!clock) return r;

  r.get('/clock', async (_req, res) => {
    await clock.refresh();
    res.json({ now: clock.now().toISOString() });
  });

  r.post('/clock', async (req, res) => {
    const body = (req.body ?? {}) as { advance?: unknown; to?: unknown };
    let ms: number;
    try {
      if (typeof body.advance === 'string') ms = durationMs(body.advance);
      else if (typeof body.to === 'string' && !Number.isNaN(Date.parse(body.to))) ms = Date.parse(body.to) - clock.now().getTime();
      else throw new RangeError('missing');
      if (ms < 0) throw new RangeError('backwards');
    } catch {
      throw new ValidationError([
        {
          pointer: body.to !== undefined ? '/to' : '/advance',
          message: 'give advance as an ISO 8601 duration (e.g. PT2H, P2DT3H) or to as a later ISO 8601 time; the clock only moves forward',
          messages: {
            id: 'isi advance dengan durasi ISO 8601 (mis. PT2H, P2DT3H) atau to dengan waktu ISO 8601 yang lebih lambat; jam hanya maju',
            en: 'give advance as an ISO 8601 duration (e.g. PT2H, P2DT3H) or to as a later ISO 8601 time; the clock only moves forward',
          },
        },
      ]);
    }
    const now = await clock.advance(ms);
    deps.scheduler.kick();
    res.json({ now: now.toISOString() });
  });
  return r;
}
