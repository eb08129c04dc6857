/**
 * Every API request gets an AbortSignal that fires when its time limit passes or when the client
 * goes away before the answer is sent. Long work (exports, verifications, pages of a list) passes
 * `signalOf(req)` down and stops between units of work; a request over its limit that has not
 * answered yet gets 503 `timed-out` through the problem handler (the work throws the reason).
 * Streams that legitimately run long (a CSV export) extend their own limit.
 */
import type { Request, RequestHandler } from 'express';
import { UnavailableError } from '../errors.ts';

type Deadline = { controller: AbortController; timer: NodeJS.Timeout };
const deadlines = new WeakMap<Request, Deadline>();

/** The reason a request's signal fires when its time ran out. */
export class TimedOut extends UnavailableError {
  constructor(ms: number) {
    super(
      'timed-out',
      {
        id: `Permintaan ini melebihi batas waktu ${Math.round(ms / 1000)} detik dan dihentikan. Coba lagi, atau persempit pencarian.`,
        en: `This request went over its ${Math.round(ms / 1000)}-second time limit and was stopped. Try again, or narrow it down.`,
      },
      { limitSeconds: Math.round(ms / 1000) },
    );
  }
}

/** The reason when the client closed the connection before the answer. */
export class ClientGone extends Error {
  constructor() {
    super('the client went away');
    this.name = 'ClientGone';
  }
}

function arm(d: Deadline, ms: number) {
  clearTimeout(d.timer);
  d.timer = setTimeout(() => d.controller.abort(new TimedOut(ms)), ms);
  d.timer.unref();
}

export function requestDeadline(ms: number): RequestHandler {
  return (req, res, next) => {
    const d: Deadline = { controller: new AbortController(), timer: undefined as unknown as NodeJS.Timeout };
    arm(d, ms);
    deadlines.set(req, d);
    res.once('close', () => {
      clearTimeout(d.timer);
      if (!res.writableFinished && !d.controller.signal.aborted) d.controller.abort(new ClientGone());
    });
    next();
  };
}

/** The request's signal (a never-firing one outside requestDeadline, e.g. in unit tests). */
export function signalOf(req: Request): AbortSignal {
  return deadlines.get(req)?.controller.signal ?? new AbortController().signal;
}

/** Gives this request `ms` from now instead of the default (long streams). */
export function extendDeadline(req: Request, ms: number): void {
  const d = deadlines.get(req);
  if (d && !d.controller.signal.aborted) arm(d, ms);
}
