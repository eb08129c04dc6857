// Preload for the Prisma CLI (`node --require scripts/unref-timers.cjs …/prisma/build/index.js`).
// Prisma 6.19's wasm schema engine leaves a setTimeout(…, 10000) behind that keeps Node alive
// about 10 s after a PostgreSQL migrate command has finished. Long timers are only ever
// timeouts for work still pending (which keeps the process alive on its own), so unref them.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const timers = require('node:timers');

const LONG_MS = 10_000;
const original = timers.setTimeout;

function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = original(callback, delay, ...args);
  if (Number(delay) >= LONG_MS && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
}
// Keep util.promisify(setTimeout) working.
const custom = Symbol.for('nodejs.util.promisify.custom');
if (original[custom]) setTimeoutUnrefLong[custom] = original[custom];

timers.setTimeout = setTimeoutUnrefLong;
globalThis.setTimeout = setTimeoutUnrefLong;
