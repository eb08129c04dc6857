import { describe, expect, it } from 'vitest';
import { appendPage, flowChoices, itemRef, queueUrl, waitedFor, waitedText } from './queue.ts';

describe('the work queue helpers', () => {
  it('asks for the caller’s queue, of one flow or all, page by page', () => {
    expect(queueUrl(null)).toBe('/api/applications?awaiting=me');
    expect(queueUrl('stay-permit-extension')).toBe('/api/applications?awaiting=me&flow=stay-permit-extension');
    expect(queueUrl('a-flow', 'abc|def')).toBe('/api/applications?awaiting=me&flow=a-flow&cursor=abc%7Cdef');
    expect(queueUrl('', null)).toBe('/api/applications?awaiting=me');
  });

  it('joins pages, each application once, in the order first shown', () => {
    const first = [{ id: 'c' }, { id: 'b' }];
    expect(appendPage(first, [{ id: 'b' }, { id: 'a' }]).map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(appendPage([], [{ id: 'x' }, { id: 'x' }]).map((i) => i.id)).toEqual(['x']);
    expect(first).toHaveLength(2); // not changed
  });

  it('offers the published flows, then those met only in the queue, then the one in the address', () => {
    const t = (s: string) => ({ id: s, en: s });
    const choices = flowChoices(
      [
        { key: 'b-flow', title: t('B') },
        { key: 'a-flow', title: t('A') },
      ],
      [
        { flow: 'a-flow', title: t('A (old)') },
        { flow: 'hidden-flow', title: t('Hidden') },
        { flow: 'hidden-flow', title: t('Hidden again') },
      ],
      'gone-flow',
    );
    expect(choices).toEqual([
      { key: 'b-flow', title: t('B') },
      { key: 'a-flow', title: t('A') },
      { key: 'hidden-flow', title: t('Hidden') },
      { key: 'gone-flow', title: null },
    ]);
    expect(flowChoices([], [], 'b-flow').map((c) => c.key)).toEqual(['b-flow']);
    expect(flowChoices([{ key: 'b-flow' }], [], 'b-flow')).toEqual([{ key: 'b-flow', title: null }]);
  });

  it('says how long an application has waited in the unit people use', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(waitedFor('2026-12-03T09:59:30Z', now)).toEqual({ value: 0, unit: 'minute' });
    expect(waitedFor('2026-12-03T09:15:00Z', now)).toEqual({ value: 45, unit: 'minute' });
    expect(waitedFor('2026-12-03T07:00:00Z', now)).toEqual({ value: 3, unit: 'hour' });
    expect(waitedFor('2026-12-01T11:00:00Z', now)).toEqual({ value: 47, unit: 'hour' });
    expect(waitedFor('2026-11-26T10:00:00Z', now)).toEqual({ value: 7, unit: 'day' });
    expect(waitedFor('2026-12-03T11:00:00Z', now)).toEqual({ value: 0, unit: 'minute' }); // a clock ahead: not negative
    expect(waitedFor('not a time', now)).toBeNull();
    expect(waitedText({ value: 3, unit: 'hour' }, 'en')).toBe('3 hours ago');
    expect(waitedText({ value: 3, unit: 'hour' }, 'id')).toBe('3 jam yang lalu');
    expect(waitedText({ value: 0, unit: 'minute' }, 'en')).toBe('this minute');
  });

  it('names an item by its lookup code, else by the start of its id', () => {
    expect(itemRef({ id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', lookupCode: null })).toBe('0f1e2d3c');
    expect(itemRef({ id: '0f1e2d3c-4b5a', lookupCode: 'ABC-123' })).toBe('ABC-123');
  });
});
