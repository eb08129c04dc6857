/**
 * The applicant's first page load has a JavaScript budget. After `vite build` this plugin adds up
 * the gzip size of the entry chunk and every chunk it imports statically (what the browser
 * downloads before the first page can show: the entry and its modulepreloads; not the lazy
 * chunks behind `import()`), prints one line
 *
 *   applicant entry JS: 112.4 kB gzip (budget 200 kB)
 *
 * and a short line with the lazy chunks' sizes, and fails the build when the entry is over budget.
 * kB are 1000 bytes, as Vite's own report writes them; gzip at zlib's default level (what most
 * servers and CDNs use).
 *
 * NOTE: written with console.log, not Vite's logger: `npm run build` runs `vite build --logLevel
 * warn`, which hides the logger's info lines, and this line is meant to be seen on every build.
 * `--logLevel silent` silences it (an over-budget build still fails).
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The parts of a Rollup/Rolldown output chunk this needs (so tests can pass a fake bundle). */
export type ChunkLike = {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  /** Static imports (file names of other chunks in the bundle). */
  imports: readonly string[];
  code: string;
};
export type AssetLike = { type: 'asset'; fileName: string };
export type BundleLike = Record<string, ChunkLike | AssetLike>;

export type ChunkSize = { fileName: string; name: string; gzipBytes: number };

export type BundleReport = {
  /** The entry chunks and everything they import statically, entry first. */
  entry: ChunkSize[];
  entryGzipBytes: number;
  /** Every other JS chunk (loaded later, through `import()`), largest first. */
  lazy: ChunkSize[];
  budgetBytes: number;
  overBudget: boolean;
};

const isChunk = (item: ChunkLike | AssetLike | undefined): item is ChunkLike => item?.type === 'chunk';

/** The gzip size of a chunk's code, in bytes (zlib's default level). */
export const gzipSize = (code: string): number => gzipSync(Buffer.from(code, 'utf8')).length;

/** What the first page load downloads (entries + static imports, transitively) and what it leaves for later. Pure but for gzip. */
export function measureBundle(bundle: BundleLike, budgetBytes: number, sizeOf: (code: string) => number = gzipSize): BundleReport {
  const chunks = Object.values(bundle).filter(isChunk);
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const initial: ChunkLike[] = [];
  const seen = new Set<string>();
  const visit = (chunk: ChunkLike) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    initial.push(chunk);
    for (const file of chunk.imports) {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  const measure = (c: ChunkLike): ChunkSize => ({ fileName: c.fileName, name: c.name, gzipBytes: sizeOf(c.code) });
  const entry = initial.map(measure);
  const entryGzipBytes = entry.reduce((sum, c) => sum + c.gzipBytes, 0);
  const lazy = chunks
    .filter((c) => !seen.has(c.fileName))
    .map(measure)
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.fileName.localeCompare(b.fileName));
  return { entry, entryGzipBytes, lazy, budgetBytes, overBudget: entryGzipBytes > budgetBytes };
}

/** `112.4 kB` (1000 bytes to the kB, one decimal). */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** The lines the build prints: the entry against the budget, then the lazy chunks briefly. */
export function reportLines(report: BundleReport, label = 'applicant entry JS'): string[] {
  const budget = `${Number((report.budgetBytes / 1000).toFixed(1))} kB`;
  const lines = [`${label}: ${kB(report.entryGzipBytes)} gzip (budget ${budget})${report.overBudget ? ' OVER BUDGET' : ''}`];
  if (report.lazy.length > 0) lines.push(`lazy chunks (gzip): ${report.lazy.map((c) => `${c.name} ${kB(c.gzipBytes)}`).join(', ')}`);
  return lines;
}

export type BundleBudgetOptions = {
  /** The budget for the entry and its static imports, gzip, in kB of 1000 bytes. */
  budgetKB: number;
  label?: string;
};

/** The Vite plugin (build only). */
export function bundleBudget({ budgetKB, label }: BundleBudgetOptions): Plugin {
  let silent = false;
  return {
    name: 'alur:bundle-budget',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      silent = config.logLevel === 'silent';
    },
    // NOTE: writeBundle sees the chunks exactly as written (minified, preload helpers inserted).
    writeBundle(_options, bundle) {
      const report = measureBundle(bundle as unknown as BundleLike, budgetKB * 1000);
      if (!silent) for (const line of reportLines(report, label)) console.log(line);
      if (report.overBudget) {
        const files = report.entry.map((c) => `${c.fileName} ${kB(c.gzipBytes)}`).join(', ');
        this.error(`${label ?? 'applicant entry JS'} is ${kB(report.entryGzipBytes)} gzip, over the budget of ${budgetKB} kB (${files}). Move what the first page does not need behind import().`);
      }
    },
  };
}
