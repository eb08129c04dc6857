/**
 * A flow's statechart as a read-only diagram (React Flow, laid out by elkjs): one box per state,
 * nested states inside their group, final states double-bordered, transitions labelled
 * `EVENT [guard]`. Optional overlays: the current state (a thick border and a "now" marker, not
 * colour alone), the path taken (visit counts) or a heatmap (applications per state, median
 * times) as badges on a colour scale that keeps AA contrast. Besides the canvas, a text
 * alternative (a collapsible table of states, with the same marks and every transition) serves
 * screen readers and keyboards. Used by the auditor console and the policy editor; staff chunks
 * only.
 */
import '@xyflow/react/dist/style.css';
import './statechart.css';
import {
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { defineTexts } from '../../lib/dictionary.ts';
import { formatDuration } from './duration.ts';
import { buildGraph, nodeLabel, statePaths, type Graph, type GraphNode } from './graph.ts';
import { HEAT_STEPS, heatStep } from './heat.ts';
import { GROUP_HEADER, layoutGraph, type Layout, type Point } from './layout.ts';

export type StateHeat = { count: number; medianAgeSeconds?: number | null; medianStaySeconds?: number | null };

export type StatechartViewProps = {
  machine: unknown;
  lang: 'id' | 'en';
  title: string;
  current?: readonly string[];
  visits?: Readonly<Record<string, number>>;
  heat?: Readonly<Record<string, StateHeat>>;
  selected?: string | null;
  onSelect?: (stateId: string) => void;
  height?: number;
};

const texts = defineTexts(
  {
    now: 'Sekarang',
    final: 'akhir',
    initial: 'awal',
    laying: 'Menata diagram…',
    layoutFailed: 'Diagram tidak dapat ditata. Daftar keadaan di bawah tetap lengkap.',
    empty: 'Definisi ini tidak memiliki keadaan.',
    textAlt: 'Daftar keadaan dan transisi',
    state: 'Keadaan',
    mark: 'Tanda',
    visits: 'Kunjungan',
    count: 'Permohonan',
    medianAge: 'Median lama di sini',
    medianStay: 'Median lama tinggal',
    transitions: 'Transisi keluar',
    none: 'tidak ada',
    stays: 'tetap di sini',
    select: 'Pilih {state}',
    visitsBadge: '{n}× dilalui',
    countBadge: '{n} permohonan',
    in: 'di dalam {parent}',
    selected: 'dipilih',
  },
  {
    now: 'Now',
    final: 'final',
    initial: 'initial',
    laying: 'Laying out the diagram…',
    layoutFailed: 'The diagram could not be laid out. The list of states below is complete.',
    empty: 'This definition has no states.',
    textAlt: 'States and transitions as a list',
    state: 'State',
    mark: 'Marks',
    visits: 'Visits',
    count: 'Applications',
    medianAge: 'Median time here',
    medianStay: 'Median stay',
    transitions: 'Transitions out',
    none: 'none',
    stays: 'stays here',
    select: 'Select {state}',
    visitsBadge: 'visited {n}×',
    countBadge: '{n} applications',
    in: 'inside {parent}',
    selected: 'selected',
  },
);

type StateData = {
  label: string;
  stateKey: string;
  final: boolean;
  initial: boolean;
  current: boolean;
  selected: boolean;
  group: boolean;
  badge: string | null;
  detail: string | null;
  step: number;
  nowText: string;
};

type EdgeData = { points: Point[]; label: string; labelBox: { x: number; y: number; width: number; height: number } | null };

function StateNode({ data }: NodeProps<Node<StateData>>) {
  const heat = HEAT_STEPS[data.step] ?? HEAT_STEPS[0];
  const cls = ['sc-node', data.group ? 'sc-node--group' : '', data.final ? 'sc-node--final' : '', data.current ? 'sc-node--current' : '', data.selected ? 'sc-node--selected' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} style={data.group ? { paddingTop: 4, minHeight: GROUP_HEADER } : undefined}>
      <Handle type="target" position={Position.Top} isConnectable={false} className="sc-handle" />
      <div className="sc-node__head">
        {data.initial && <span className="sc-node__initial" aria-hidden="true" />}
        <span className="sc-node__label">{data.label}</span>
      </div>
      <div className="sc-node__meta">
        {data.current && <span className="sc-node__now">● {data.nowText}</span>}
        {data.badge && (
          <span className="sc-badge" style={{ background: heat.background, color: heat.color }}>
            {data.badge}
          </span>
        )}
        {data.detail && <span className="sc-node__detail">{data.detail}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="sc-handle" />
    </div>
  );
}

function ElkEdge({ data, markerEnd, style }: EdgeProps<Edge<EdgeData>>) {
  if (!data || data.points.length < 2) return null;
  const [first, ...rest] = data.points as [Point, ...Point[]];
  const path = `M ${first.x} ${first.y} ${rest.map((p) => `L ${p.x} ${p.y}`).join(' ')}`;
  const box = data.labelBox;
  return (
    <>
      <BaseEdge path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      {box && (
        <EdgeLabelRenderer>
          <div className="sc-edge-label" style={{ transform: `translate(${box.x}px, ${box.y}px)`, minWidth: box.width }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { state: StateNode };
const edgeTypes = { elk: ElkEdge };

export function StatechartView({ machine, lang, title, current, visits, heat, selected = null, onSelect, height = 480 }: StatechartViewProps) {
  const t = (key: Parameters<typeof texts.text>[1], params?: Record<string, string | number>) => texts.text(lang, key, params);
  const graph: Graph = useMemo(() => buildGraph(machine), [machine]);
  const labelOf = useMemo(() => (n: GraphNode) => nodeLabel(n, lang), [lang]);
  const [layout, setLayout] = useState<{ graph: Graph; layout: Layout } | null>(null);
  const [failed, setFailed] = useState(false);
  const captionId = useId();
  const canvasRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    setFailed(false);
    if (graph.nodes.length === 0) return;
    layoutGraph(graph, labelOf).then(
      (l) => {
        if (alive) setLayout({ graph, layout: l });
      },
      () => {
        if (alive) setFailed(true);
      },
    );
    return () => {
      alive = false;
    };
  }, [graph, labelOf]);

  const currentSet = useMemo(() => new Set((current ?? []).flatMap((s) => statePaths(s))), [current]);
  const maxHeat = useMemo(() => Math.max(0, ...Object.values(heat ?? {}).map((h) => h.count)), [heat]);
  const maxVisits = useMemo(() => Math.max(0, ...Object.values(visits ?? {})), [visits]);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);

  const badgeOf = (id: string): { badge: string | null; detail: string | null; step: number } => {
    if (heat) {
      const h = heat[id];
      const count = h?.count ?? 0;
      const stay = h?.medianAgeSeconds ?? h?.medianStaySeconds ?? null;
      return { badge: t('countBadge', { n: count }), detail: stay !== null && stay !== undefined && count > 0 ? `≈ ${formatDuration(stay, lang)}` : null, step: heatStep(count, maxHeat) };
    }
    if (visits) {
      const n = visits[id] ?? 0;
      return { badge: n > 0 ? t('visitsBadge', { n }) : null, detail: null, step: heatStep(n, maxVisits) };
    }
    return { badge: null, detail: null, step: 0 };
  };

  const flow = useMemo(() => {
    if (!layout || layout.graph !== graph) return null;
    const nodes: Node<StateData>[] = graph.nodes.map((n) => {
      const box = layout.layout.nodes.get(n.id) ?? { x: 0, y: 0, width: 150, height: 60 };
      const b = badgeOf(n.id);
      return {
        id: n.id,
        type: 'state',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        ...(n.parent ? { parentId: n.parent, extent: 'parent' as const } : {}),
        draggable: false,
        connectable: false,
        selectable: Boolean(onSelect),
        zIndex: n.compound ? 0 : 1,
        data: {
          label: labelOf(n),
          stateKey: n.id,
          final: n.final,
          initial: n.initial,
          current: currentSet.has(n.id),
          selected: selected === n.id,
          group: n.compound,
          nowText: t('now'),
          ...b,
        },
      };
    });
    const edges: Edge<EdgeData>[] = graph.edges
      .filter((e) => e.target !== null && layout.layout.edges.has(e.id))
      .map((e) => {
        const route = layout.layout.edges.get(e.id);
        return {
          id: e.id,
          source: e.source,
          target: e.target as string,
          type: 'elk',
          focusable: false,
          selectable: false,
          zIndex: 2,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#4a4f55' },
          data: { points: route?.points ?? [], label: e.label, labelBox: route?.label ?? null },
        };
      });
    return { nodes, edges };
  }, [layout, graph, currentSet, selected, heat, visits, lang, onSelect]);

  // The first view: as wide as the canvas allows (not smaller than legible), the current state
  // (or the top) in view; the reader pans and zooms from there.
  const viewport = useMemo(() => {
    if (!flow || !layout) return null;
    const width = canvasRef.current?.clientWidth || 640;
    const l = layout.layout;
    const zoom = Math.min(1, Math.max(0.5, (width - 16) / Math.max(1, l.width)));
    const focus = graph.nodes.filter((n) => currentSet.has(n.id) && !n.compound).at(-1) ?? (selected ? byId.get(selected) : undefined);
    const x = l.width * zoom < width ? (width - l.width * zoom) / 2 : 8;
    if (!focus) return { x, y: 8, zoom, height: Math.min(height, Math.ceil(l.height * zoom) + 24) };
    let abs = { x: 0, y: 0 };
    for (let id: string | null = focus.id; id; id = byId.get(id)?.parent ?? null) {
      const b = l.nodes.get(id);
      if (b) abs = { x: abs.x + b.x, y: abs.y + b.y };
    }
    const box = l.nodes.get(focus.id);
    const cy = abs.y + (box?.height ?? 0) / 2;
    const cx = abs.x + (box?.width ?? 0) / 2;
    const fitsX = l.width * zoom < width;
    return {
      x: fitsX ? x : width / 2 - cx * zoom,
      // centred on the focus, but neither above the top nor past the bottom of the diagram
      y: Math.min(8, Math.max(height / 2 - cy * zoom, Math.min(8, height - 8 - l.height * zoom))),
      zoom,
      height: Math.min(height, Math.ceil(l.height * zoom) + 24),
    };
  }, [flow, layout, graph, currentSet, selected, byId, height]);

  const heatMode = Boolean(heat);
  return (
    <figure className="sc" aria-labelledby={captionId}>
      <figcaption id={captionId} className="sc__title">
        {title}
      </figcaption>
      <div className="sc__canvas" style={{ height: viewport?.height ?? height }} ref={canvasRef}>
        {graph.nodes.length === 0 ? (
          <p className="sc__note">{t('empty')}</p>
        ) : failed ? (
          <p className="sc__note">{t('layoutFailed')}</p>
        ) : flow && viewport ? (
          <ReactFlow
            key={`${viewport.x},${viewport.y},${viewport.zoom}`}
            defaultViewport={{ x: viewport.x, y: viewport.y, zoom: viewport.zoom }}
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={Boolean(onSelect)}
            onNodeClick={onSelect ? (_e, node) => onSelect(node.id) : undefined}
            minZoom={0.15}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
            aria-label={title}
          >
            <Controls showInteractive={false} />
          </ReactFlow>
        ) : (
          <p className="sc__note" role="status">
            {t('laying')}
          </p>
        )}
      </div>
      <details className="sc__alt">
        <summary>{t('textAlt')}</summary>
        {/* Focusable so a keyboard can scroll a table wider than the screen. */}
        <div className="sc__table-wrap" tabIndex={0} role="region" aria-label={t('textAlt')}>
          <table className="sc__table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('mark')}</th>
                {heatMode ? (
                  <>
                    <th scope="col">{t('count')}</th>
                    <th scope="col">{t('medianAge')}</th>
                  </>
                ) : visits ? (
                  <th scope="col">{t('visits')}</th>
                ) : null}
                <th scope="col">{t('transitions')}</th>
              </tr>
            </thead>
            <tbody>
              {graph.nodes.map((n) => {
                const out = graph.edges.filter((e) => e.source === n.id);
                const marks = [
                  currentSet.has(n.id) ? `● ${t('now')}` : null,
                  n.initial ? t('initial') : null,
                  n.final ? t('final') : null,
                  selected === n.id ? t('selected') : null,
                  n.parent ? t('in', { parent: labelOf(byId.get(n.parent) ?? n) }) : null,
                ].filter(Boolean);
                const h = heat?.[n.id];
                return (
                  <tr key={n.id} data-state={n.id} data-current={currentSet.has(n.id) ? 'true' : undefined}>
                    <th scope="row">
                      {onSelect ? (
                        <button type="button" className="sc__select" aria-pressed={selected === n.id} onClick={() => onSelect(n.id)}>
                          {labelOf(n)}
                        </button>
                      ) : (
                        labelOf(n)
                      )}{' '}
                      <code>{n.id}</code>
                    </th>
                    <td className="sc__marks">{marks.join(', ')}</td>
                    {heatMode ? (
                      <>
                        <td className="sc__num" data-count={h?.count ?? 0}>
                          {h?.count ?? 0}
                        </td>
                        <td>{formatDuration(h?.medianAgeSeconds ?? null, lang)}</td>
                      </>
                    ) : visits ? (
                      <td className="sc__num" data-visits={visits[n.id] ?? 0}>
                        {visits[n.id] ?? 0}
                      </td>
                    ) : null}
                    <td>
                      {out.length === 0 ? (
                        t('none')
                      ) : (
                        <ul className="sc__edges">
                          {out.map((e) => (
                            <li key={e.id}>
                              <code>{e.label}</code> → {e.target === null ? t('stays') : labelOf(byId.get(e.target) ?? n)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export default StatechartView;
