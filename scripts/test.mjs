// `npm test [-- <vitest args>]`: `vitest run` with the default reporter plus a JSON report, then a
// last line `N passed, N failed[, N skipped]` for CI. Exits with vitest's code, or 1 when no test ran.
//   failed = failed tests + suites/files that failed on their own (import error, failing hook)
//   skipped = skipped + todo tests
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'alur-vitest-'));
const report = path.join(dir, 'report.json');

const child = spawn(
  process.execPath,
  [
    path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? (sig ? 128 : 1))));

/** Suites (files and describe blocks) that fail because a test inside them failed. */
function suitesImplicatedByFailedTests(results) {
  const keys = new Set();
  for (const file of results.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== 'failed') continue;
      keys.add(file.name);
      const titles = t.ancestorTitles ?? [];
      for (let i = 1; i <= titles.length; i++) keys.add(`${file.name}\0${titles.slice(0, i).join('\0')}`);
    }
  }
  return keys.size;
}

let passed = 0;
let failed = 0;
let skipped = 0;
let note = '';
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  skipped = r.numPendingTests + r.numTodoTests;
  const suiteErrors = Math.max(0, r.numFailedTestSuites - suitesImplicatedByFailedTests(r));
  failed = r.numFailedTests + suiteErrors;
  if (code !== 0 && failed === 0 && r.numTotalTests > 0) {
    failed = 1; // an error outside any test (vitest's "Unhandled Errors")
    note = `vitest exited with code ${code} although no test failed: see the errors above`;
  }
} catch {
  if (code !== 0) failed = 1;
  note = 'vitest wrote no JSON report (crash or global setup failure: see above)';
}
rmSync(dir, { recursive: true, force: true });

let exitCode = code;
if (passed + failed === 0) {
  note ||= 'no tests ran';
  exitCode ||= 1;
}
if (note) console.log(`\n${note}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode);
