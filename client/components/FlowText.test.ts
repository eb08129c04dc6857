import { describe, expect, it } from 'vitest';
import { flowTextBlocks } from './FlowText.tsx';

describe('flowTextBlocks', () => {
  it('makes each line a paragraph and runs of "- " lines one list', () => {
    expect(flowTextBlocks('Come in person.\nBring:\n- your KTP;\n- the police report.\nNo fee online.')).toEqual([
      { kind: 'p', text: 'Come in person.' },
      { kind: 'p', text: 'Bring:' },
      { kind: 'ul', items: ['your KTP;', 'the police report.'] },
      { kind: 'p', text: 'No fee online.' },
    ]);
  });

  it('keeps a text without line breaks as one paragraph, and skips blank lines', () => {
    expect(flowTextBlocks('One - two.')).toEqual([{ kind: 'p', text: 'One - two.' }]);
    expect(flowTextBlocks('\n  \n')).toEqual([]);
  });

  it('keeps "Rp" with its amount on one line', () => {
    expect(flowTextBlocks('Bayar Rp 350.000 dalam 2 jam.')).toEqual([{ kind: 'p', text: 'Bayar Rp\u00a0350.000 dalam 2 jam.' }]);
  });
});
