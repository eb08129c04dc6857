/**
 * Outside production the server runs on a manual clock that tests and demos move forward
 * (`GET /api/dev/clock` → `{now}`); in production `/api/dev` answers 404. One request tells both
 * whether the sandbox helpers exist and how far the server's clock is from this device's, so
 * countdowns and "today" follow the server, not the phone.
 */
import { api, ApiProblem } from './api.ts';

export type DevInfo = { dev: boolean; offsetMs: number };

let info: Promise<DevInfo> | null = null;
let offsetMs = 0;
/** Production said 404 once: no need to ask again. */
let production = false;

/**
 * Whether `/api/dev` exists, and the server clock's offset; asked once per page load. `refresh`
 * asks again outside production (the manual clock may have been moved since).
 */
export function devInfo(refresh = false): Promise<DevInfo> {
  if (!info || (refresh && !production)) {
    const asked = Date.now();
    info = api<{ now: string }>('/api/dev/clock').then(
      ({ now }) => {
        const server = Date.parse(now);
        // NOTE: the answer was made about halfway through the round trip.
        offsetMs = Number.isNaN(server) ? 0 : Math.round(server - (asked + Date.now()) / 2);
        return { dev: true, offsetMs };
      },
      (err: unknown) => {
        if (err instanceof ApiProblem && err.status === 404) {
          production = true;
          return { dev: false, offsetMs: 0 };
        }
        info = null; // a network failure says nothing: ask again next time
        return { dev: false, offsetMs };
      },
    );
  }
  return info;
}

/** The server's time now (ms), as well as this page knows it. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
