import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph, nodeLabel } from './graph.ts';
import { LEAF_HEIGHT, layoutGraph } from './layout.ts';

describe('layoutGraph', () => {
  it('places every state of a shipped flow and routes every drawn transition', async () => {
    const { machine } = JSON.parse(readFileSync('machines/definitions/passport-express.json', 'utf8')) as { machine: unknown };
    const graph = buildGraph(machine);
    const layout = await layoutGraph(graph, (n) => nodeLabel(n, 'id'));
    for (const n of graph.nodes) {
      const box = layout.nodes.get(n.id);
      expect(box, n.id).toBeDefined();
      expect(box!.height).toBe(LEAF_HEIGHT);
    }
    for (const e of graph.edges.filter((x) => x.target !== null)) {
      const route = layout.edges.get(e.id);
      expect(route?.points.length, e.label).toBeGreaterThanOrEqual(2);
      expect(route?.label).not.toBeNull();
    }
    expect(layout.width).toBeGreaterThan(0);
  });

  it('puts nested states inside their group (positions relative to the parent)', async () => {
    const graph = buildGraph({ initial: 'a', states: { a: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: {} } }, b: {} } });
    const layout = await layoutGraph(graph, (n) => n.key);
    const group = layout.nodes.get('a')!;
    const x = layout.nodes.get('a.x')!;
    expect(x.x + x.width).toBeLessThanOrEqual(group.width);
    expect(x.y + x.height).toBeLessThanOrEqual(group.height);
    expect(layout.edges.get('e0')?.points.length).toBeGreaterThanOrEqual(2);
  });
});
