/**
 * A text written in a flow definition (a state's description), shown as its author wrote it:
 * each line a paragraph, and consecutive lines starting with "- " a bulleted list (e.g. what to
 * bring to the office). Plain text only: nothing in it is read as HTML.
 */
type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

/** `text` with an amount never broken between "Rp" and its digits (a no-break space). Pure. */
export const noBreakAmounts = (text: string): string => text.replace(/\bRp (?=\d)/g, 'Rp\u00a0');

/** The paragraphs and lists of `text`. Pure. */
export function flowTextBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = noBreakAmounts(raw.trim());
    if (!line) continue;
    const item = /^[-•*]\s+(.*)$/.exec(line);
    const last = blocks[blocks.length - 1];
    if (item) {
      if (last?.kind === 'ul') last.items.push(item[1] ?? '');
      else blocks.push({ kind: 'ul', items: [item[1] ?? ''] });
    } else {
      blocks.push({ kind: 'p', text: line });
    }
  }
  return blocks;
}

export function FlowText({ text, className }: { text: string; className?: string }) {
  const blocks = flowTextBlocks(text);
  if (blocks.length === 0) return null;
  return (
    <div className={className}>
      {blocks.map((b, i) =>
        b.kind === 'p' ? (
          <p key={i}>{b.text}</p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
