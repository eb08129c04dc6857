import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph, guardText, nodeLabel, statePaths } from './graph.ts';

const shipped = JSON.parse(readFileSync('machines/definitions/passport-new.json', 'utf8')) as { machine: unknown };

describe('buildGraph', () => {
  it('gives one node per state of a shipped flow, with labels and final states', () => {
    const g = buildGraph(shipped.machine);
    const ids = g.nodes.map((n) => n.id);
    expect(ids).toContain('identity');
    expect(ids).toContain('collected');
    expect(new Set(ids).size).toBe(ids.length);
    const collected = g.nodes.find((n) => n.id === 'collected');
    expect(collected?.final).toBe(true);
    expect(nodeLabel(g.nodes.find((n) => n.id === 'identity')!, 'en')).toBe('Your details');
    expect(g.nodes.find((n) => n.id === 'start')?.initial).toBe(true);
  });

  it('labels edges with the event, the guard, after-delays and always', () => {
    const g = buildGraph(shipped.machine);
    const labels = g.edges.map((e) => `${e.source} -${e.label}-> ${e.target}`);
    expect(labels).toContain('identity -SUBMIT-> documents');
    expect(labels).toContain('identity -CANCEL-> cancelled');
    expect(labels).toContain('awaitingPayment -after paymentWindow-> expired');
    expect(labels).toContain('start -always [hasContext(walkIn)]-> checkedIn');
    expect(labels).toContain('start -always-> identity');
    // a targetless delayed transition (a reminder) stays on its state
    expect(g.edges.some((e) => e.source === 'booked' && e.event === 'after dayBeforeAppointment' && e.target === null)).toBe(true);
  });

  it('resolves nested, child, #id and #machine targets like XState', () => {
    const g = buildGraph({
      id: 'm',
      initial: 'a',
      states: {
        a: {
          initial: 'x',
          on: { GO: '.y', JUMP: '#deep', FAR: '#m.b' },
          states: {
            x: { on: { NEXT: 'y', UP: { target: '#m.b', guard: { type: 'and', guards: ['g1', { type: 'not', guards: ['g2'] }] } } } },
            y: { id: 'deep', type: 'final' },
          },
        },
        b: { on: { IN: [{ target: 'a.y', guard: 'ok' }, { target: 'a' }] } },
        c: { on: { BAD: 'nowhere' } },
      },
    });
    expect(g.nodes.map((n) => [n.id, n.parent, n.compound])).toEqual([
      ['a', null, true],
      ['a.x', 'a', false],
      ['a.y', 'a', false],
      ['b', null, false],
      ['c', null, false],
    ]);
    const labels = g.edges.map((e) => `${e.source} -${e.label}-> ${e.target}`);
    expect(labels).toEqual([
      'a -GO-> a.y',
      'a -JUMP-> a.y',
      'a -FAR-> b',
      'a.x -NEXT-> a.y',
      'a.x -UP [g1 && !g2]-> b',
      'b -IN [ok]-> a.y',
      'b -IN-> a',
    ]);
  });

  it('ignores what is not a machine', () => {
    expect(buildGraph(null)).toEqual({ nodes: [], edges: [], machineId: null });
    expect(buildGraph({ states: { a: 3 } }).nodes).toEqual([]);
  });
});

describe('guardText', () => {
  it('writes named, parameterised and combined guards', () => {
    expect(guardText('isAdult')).toBe('isAdult');
    expect(guardText({ type: 'dataIn', params: { field: 'reason', values: ['lost', 'damaged'] } })).toBe('dataIn(reason, ["lost","damaged"])');
    expect(guardText({ type: 'or', guards: ['a', { type: 'and', guards: ['b', 'c'] }] })).toBe('a || (b && c)');
    expect(guardText(undefined)).toBeNull();
  });
});

describe('statePaths', () => {
  it('gives a state string and its ancestors', () => {
    expect(statePaths('collected')).toEqual(['collected']);
    expect(statePaths('review.docs')).toEqual(['review', 'review.docs']);
    expect(statePaths('review(docs.pending,fees.paid)').sort()).toEqual(['review', 'review.docs', 'review.docs.pending', 'review.fees', 'review.fees.paid']);
  });
});
