import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipSize, kB, measureBundle, reportLines, type BundleLike, type ChunkLike } from './bundle-budget.ts';

const chunk = (fileName: string, code: string, more: Partial<ChunkLike> = {}): ChunkLike => ({
  type: 'chunk',
  fileName,
  name: fileName.replace(/^assets\//, '').replace(/-.*$/, ''),
  isEntry: false,
  imports: [],
  code,
  ...more,
});

/** An entry with a shared runtime (a cycle, as bundlers make), a lazy page and a chunk only the lazy page imports. */
const fakeBundle = (): BundleLike => ({
  'assets/index-a.js': chunk('assets/index-a.js', 'E'.repeat(10), { isEntry: true, imports: ['assets/runtime-b.js', 'assets/vendor-c.js'] }),
  'assets/runtime-b.js': chunk('assets/runtime-b.js', 'R'.repeat(20), { imports: ['assets/index-a.js'] }),
  'assets/vendor-c.js': chunk('assets/vendor-c.js', 'V'.repeat(30), { imports: ['assets/runtime-b.js'] }),
  'assets/Application-d.js': chunk('assets/Application-d.js', 'A'.repeat(400), { imports: ['assets/lib-e.js', 'assets/runtime-b.js'] }),
  'assets/lib-e.js': chunk('assets/lib-e.js', 'L'.repeat(50)),
  'assets/index-f.css': { type: 'asset', fileName: 'assets/index-f.css' },
});

describe('measureBundle()', () => {
  const length = (code: string) => code.length;

  it('adds up the entry and every chunk it imports statically, each once, and nothing lazy', () => {
    const report = measureBundle(fakeBundle(), 100, length);
    expect(report.entry.map((c) => c.fileName)).toEqual(['assets/index-a.js', 'assets/runtime-b.js', 'assets/vendor-c.js']);
    expect(report.entryGzipBytes).toBe(60);
    expect(report.overBudget).toBe(false);
  });

  it('lists the other chunks, largest first, and leaves assets out', () => {
    const report = measureBundle(fakeBundle(), 100, length);
    expect(report.lazy).toEqual([
      { fileName: 'assets/Application-d.js', name: 'Application', gzipBytes: 400 },
      { fileName: 'assets/lib-e.js', name: 'lib', gzipBytes: 50 },
    ]);
  });

  it('is over budget only above it', () => {
    expect(measureBundle(fakeBundle(), 60, length).overBudget).toBe(false);
    expect(measureBundle(fakeBundle(), 59, length).overBudget).toBe(true);
  });

  it('measures gzip by default', () => {
    const report = measureBundle(fakeBundle(), 200_000);
    const expected = ['E'.repeat(10), 'R'.repeat(20), 'V'.repeat(30)].reduce((sum, code) => sum + gzipSync(code).length, 0);
    expect(report.entryGzipBytes).toBe(expected);
    expect(gunzipSync(gzipSync('x')).toString()).toBe('x');
    expect(gzipSize('A'.repeat(10_000))).toBeLessThan(100);
  });
});

describe('reportLines()', () => {
  it('prints the entry against the budget, then the lazy chunks', () => {
    const report = measureBundle(fakeBundle(), 200_000, (code) => code.length * 1000 + 400);
    expect(reportLines(report)).toEqual([
      'applicant entry JS: 61.2 kB gzip (budget 200 kB)',
      'lazy chunks (gzip): Application 400.4 kB, lib 50.4 kB',
    ]);
  });
  it('says when it is over', () => {
    const report = measureBundle(fakeBundle(), 1000, (code) => code.length * 100);
    expect(reportLines(report, 'entry')[0]).toBe('entry: 6.0 kB gzip (budget 1 kB) OVER BUDGET');
  });
  it('writes kB of 1000 bytes with one decimal', () => {
    expect([kB(0), kB(112_449), kB(200_000)]).toEqual(['0.0 kB', '112.4 kB', '200.0 kB']);
  });
});
