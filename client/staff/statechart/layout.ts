/**
 * Lays a statechart graph out with elkjs (layered, top to bottom (narrow screens scroll down, not sideways), nested states inside their
 * group: `elk.hierarchyHandling: INCLUDE_CHILDREN`). Node positions come back relative to their
 * parent (as React Flow wants them for `parentId` nodes); edge routes and label boxes in root
 * coordinates. The bundled build runs on the main thread (no worker file; diagrams are small), loaded on first use.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type ELKType from 'elkjs/lib/elk.bundled.js';
import type { Graph, GraphNode } from './graph.ts';

export type Point = { x: number; y: number };
export type NodeBox = { id: string; x: number; y: number; width: number; height: number };
export type EdgeRoute = { id: string; points: Point[]; label: { x: number; y: number; width: number; height: number } | null };
export type Layout = { nodes: Map<string, NodeBox>; edges: Map<string, EdgeRoute>; width: number; height: number };

/** Room for a group's title above its children. */
export const GROUP_HEADER = 34;
export const LEAF_HEIGHT = 78;
const LABEL_HEIGHT = 18;

/** A leaf's width for its label (a rough measure: the font is small and known). Pure. */
export function leafWidth(label: string): number {
  return Math.min(260, Math.max(150, Math.round(label.length * 7.2) + 40));
}

/** A label's box width. Pure. */
export function edgeLabelWidth(text: string): number {
  return Math.round(text.length * 6.4) + 12;
}

let elk: Promise<InstanceType<typeof ELKType>> | null = null;

/** elkjs is large (~0.45 MB gzip): its own chunk, loaded with the first diagram. */
function loadElk(): Promise<InstanceType<typeof ELKType>> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}

/** Lays `graph` out; `labelOf` gives each node's shown label (for its width). */
export async function layoutGraph(graph: Graph, labelOf: (node: GraphNode) => string): Promise<Layout> {
  const engine = await loadElk();
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.edgeCoords': 'ROOT',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: [],
    edges: [],
  };
  for (const node of graph.nodes) {
    const elkNode: ElkNode = node.compound
      ? { id: node.id, children: [], layoutOptions: { 'elk.padding': `[top=${GROUP_HEADER + 12},left=14,bottom=14,right=14]` } }
      : { id: node.id, width: leafWidth(labelOf(node)), height: LEAF_HEIGHT };
    elkNodes.set(node.id, elkNode);
    const parent = node.parent === null ? root : elkNodes.get(node.parent);
    (parent ?? root).children?.push(elkNode);
  }
  const edges: ElkExtendedEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.target === null) continue; // stays in its state: listed, not drawn
    edges.push({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      labels: [{ text: edge.label, width: edgeLabelWidth(edge.label), height: LABEL_HEIGHT }],
    });
  }
  root.edges = edges;
  const done = await engine.layout(root);

  const nodes = new Map<string, NodeBox>();
  const walk = (n: ElkNode) => {
    for (const child of n.children ?? []) {
      nodes.set(child.id, { id: child.id, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      walk(child);
    }
  };
  walk(done);
  const routes = new Map<string, EdgeRoute>();
  for (const edge of done.edges ?? []) {
    const points: Point[] = [];
    for (const s of edge.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    const l = edge.labels?.[0];
    const label = l && l.x !== undefined && l.y !== undefined ? { x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 } : null;
    routes.set(edge.id, { id: edge.id, points, label });
  }
  return { nodes, edges: routes, width: done.width ?? 0, height: done.height ?? 0 };
}
