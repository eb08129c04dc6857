/**
 * vitest globalSetup for the browser tests: a temporary directory shared by every e2e file of
 * the run, where the first file that needs the web app builds it (support/build-client.ts) and
 * the others reuse it. Nothing is built here, so runs without e2e files pay nothing. Removed at
 * teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared directory for the e2e client build. */
    e2eBuildRoot: string;
  }
}

export default function setup(project: TestProject) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'alur-e2e-build-'));
  project.provide('e2eBuildRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
