/**
 * The web app for the browser tests, built with Vite's JS API (the same vite.config.ts as
 * `npm run build`) so a test never runs against a stale or missing dist/client; the server
 * serves it through `CLIENT_DIR`.
 *
 * Built once per run: every e2e file calls buildClient(); the first one (in whichever worker
 * process) takes a lock in the run's shared directory (support/global-setup.ts) and builds, the
 * others wait for it and reuse the build (or its error). Outside such a run (no shared
 * directory) each call builds into its own temporary directory.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from '#server/config.ts';

export type BuiltClient = { dir: string; remove(): Promise<void> };

/** The longest wait for another file's build. */
const WAIT_FOR_BUILD_MS = 100_000;

async function viteBuild(outDir: string): Promise<void> {
  const { build } = await import('vite');
  // NOTE: vitest sets NODE_ENV=test, with which Vite bundles React's development build (slower,
  // and not what users get); the production build is what is tested.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), build: { outDir, emptyOutDir: true }, logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${outDir}`);
}

export async function buildClient(): Promise<BuiltClient> {
  const root = inject('e2eBuildRoot') as string | undefined;
  if (!root) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'alur-e2e-client-'));
    const remove = () => rm(dir, { recursive: true, force: true });
    try {
      await viteBuild(dir);
    } catch (err) {
      await remove();
      throw err;
    }
    return { dir, remove };
  }

  const dir = path.join(root, 'client');
  const done = path.join(root, 'client.done');
  const failed = path.join(root, 'client.failed');
  const shared: BuiltClient = { dir, remove: async () => {} }; // the run's teardown removes it
  let builder = false;
  try {
    mkdirSync(path.join(root, 'client.lock')); // atomic: one builder per run
    builder = true;
  } catch {
    builder = false;
  }
  if (builder) {
    try {
      await viteBuild(dir);
      writeFileSync(done, '');
    } catch (err) {
      writeFileSync(failed, err instanceof Error ? (err.stack ?? err.message) : String(err));
      throw err;
    }
    return shared;
  }
  const until = Date.now() + WAIT_FOR_BUILD_MS;
  for (;;) {
    if (existsSync(done)) return shared;
    if (existsSync(failed)) throw new Error(`the web app's build for the e2e tests failed (in another test file):\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > until) throw new Error(`the web app's build for the e2e tests did not finish within ${WAIT_FOR_BUILD_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
