/** A unified diff of two texts as lines marked '+', '-' or ' ' (the `diff` package's diffLines), with far-off unchanged lines folded. Pure. */
import { diffLines } from 'diff';

export type DiffLine = { mark: '+' | '-' | ' '; text: string; oldNo: number | null; newNo: number | null } | { mark: '…'; skipped: number };

export function unifiedDiff(before: string, after: string, context = 3): DiffLine[] {
  const all: Exclude<DiffLine, { mark: '…' }>[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) {
      if (part.added) all.push({ mark: '+', text, oldNo: null, newNo: newNo++ });
      else if (part.removed) all.push({ mark: '-', text, oldNo: oldNo++, newNo: null });
      else all.push({ mark: ' ', text, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  const near = all.map(() => false);
  all.forEach((line, i) => {
    if (line.mark === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(all.length - 1, i + context); k++) near[k] = true;
  });
  const out: DiffLine[] = [];
  let skipped = 0;
  all.forEach((line, i) => {
    if (near[i]) {
      if (skipped) out.push({ mark: '…', skipped });
      skipped = 0;
      out.push(line);
    } else skipped++;
  });
  if (skipped && out.length) out.push({ mark: '…', skipped });
  return out;
}

/** True when the diff has any change. */
export const hasChanges = (lines: DiffLine[]) => lines.some((l) => l.mark === '+' || l.mark === '-');
