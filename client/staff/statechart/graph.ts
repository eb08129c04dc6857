/**
 * A flow definition's `machine` (XState v5 config kept as JSON) as a graph for the statechart
 * diagram: one node per state, its id the dotted path from the root (`review.docs`), as the
 * server's `stateString` writes an atomic or nested state (machines/engine.ts), so the
 * application's `state` and each event's `to` highlight their node; nested states name their
 * parent (drawn as groups). Edges are labelled `EVENT [guard]`, `after <delay>` or `always`.
 * Targets are resolved as XState does for the forms the definitions use: a sibling key
 * (`"done"`), a child (`".child"`), a state id (`"#id"` or `"#machineId.a.b"`), a dotted
 * sibling path (`"review.docs"`). Pure; unknown shapes are skipped, never thrown on.
 */

export type I18nLabel = { id?: string; en?: string };

export type GraphNode = {
  /** Dotted path from the root (`applying.identity`). */
  id: string;
  /** The state's own key. */
  key: string;
  parent: string | null;
  depth: number;
  /** `meta.label` when the definition has one. */
  label: I18nLabel | null;
  status: string | null;
  final: boolean;
  parallel: boolean;
  /** True when the state has child states (drawn as a group). */
  compound: boolean;
  /** True for the initial child of its parent (or the root's initial state). */
  initial: boolean;
  /** Order in the document (depth-first). */
  order: number;
};

export type GraphEdge = {
  id: string;
  source: string;
  /** Null for a targetless transition (stays in the state, runs actions only). */
  target: string | null;
  /** `SUBMIT`, `after paymentWindow`, `always`. */
  event: string;
  guard: string | null;
  /** `EVENT [guard]`. */
  label: string;
};

export type Graph = { nodes: GraphNode[]; edges: GraphEdge[]; machineId: string | null };

type Config = Record<string, unknown>;

function isObject(v: unknown): v is Config {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function children(config: Config): [string, Config][] {
  const states = config.states;
  if (!isObject(states)) return [];
  return Object.entries(states).filter((e): e is [string, Config] => isObject(e[1]));
}

/** A guard as text: `name`, `name(params)`, `!g`, `a && b`, `a || b`. Pure. */
export function guardText(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (!isObject(guard) || typeof guard.type !== 'string') return null;
  const nested = Array.isArray(guard.guards) ? guard.guards.map((g) => guardText(g) ?? '?') : null;
  if (guard.type === 'and' && nested) return nested.join(' && ');
  if (guard.type === 'or' && nested) return nested.map((g) => (g.includes(' ') ? `(${g})` : g)).join(' || ');
  if (guard.type === 'not' && nested) return `!${nested.length === 1 ? nested[0] : `(${nested.join(', ')})`}`;
  if (isObject(guard.params)) {
    const params = Object.values(guard.params)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join(', ');
    return `${guard.type}(${params})`;
  }
  return guard.type;
}

type Transition = { targets: unknown[]; guard: unknown };

function transitionsOf(value: unknown): Transition[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ targets: [value], guard: undefined }];
  if (Array.isArray(value)) return value.flatMap((v) => transitionsOf(v));
  if (!isObject(value)) return [];
  const target = value.target;
  const targets = target === undefined || target === null ? [] : Array.isArray(target) ? target : [target];
  return [{ targets, guard: value.guard }];
}

/** Builds the graph of a machine config. Pure. */
export function buildGraph(machine: unknown): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  if (!isObject(machine)) return { nodes, edges, machineId: null };
  const machineId = typeof machine.id === 'string' ? machine.id : null;
  const byId = new Map<string, string>(); // `#id` → dotted path
  const configs = new Map<string, Config>();

  const visit = (config: Config, path: string[], parent: string | null, initialKey: unknown) => {
    for (const [key, child] of children(config)) {
      const id = [...path, key].join('.');
      const meta = isObject(child.meta) ? child.meta : {};
      const label = isObject(meta.label) ? (meta.label as I18nLabel) : null;
      nodes.push({
        id,
        key,
        parent,
        depth: path.length,
        label,
        status: typeof meta.status === 'string' ? meta.status : null,
        final: child.type === 'final',
        parallel: child.type === 'parallel',
        compound: children(child).length > 0,
        initial: initialKey === key,
        order: nodes.length,
      });
      configs.set(id, child);
      if (typeof child.id === 'string') byId.set(child.id, id);
      visit(child, [...path, key], id, child.initial);
    }
  };
  visit(machine, [], null, machine.initial);
  const known = new Set(nodes.map((n) => n.id));

  const resolve = (source: string, target: unknown): string | null => {
    if (typeof target !== 'string' || target === '') return null;
    if (target.startsWith('#')) {
      const rest = target.slice(1);
      const [head = '', ...tail] = rest.split('.');
      if (machineId !== null && head === machineId) {
        const path = tail.join('.');
        return known.has(path) ? path : null;
      }
      const base = byId.get(head);
      if (base === undefined) return null;
      const path = [base, ...tail].join('.');
      return known.has(path) ? path : null;
    }
    if (target.startsWith('.')) {
      const path = `${source}${target}`;
      return known.has(path) ? path : null;
    }
    const parent = source.includes('.') ? source.slice(0, source.lastIndexOf('.')) : '';
    const path = parent ? `${parent}.${target}` : target;
    return known.has(path) ? path : null;
  };

  const add = (source: string, event: string, value: unknown) => {
    for (const t of transitionsOf(value)) {
      const guard = guardText(t.guard);
      const label = guard ? `${event} [${guard}]` : event;
      const targets = t.targets.length ? t.targets.map((x) => resolve(source, x)) : [null];
      for (const target of targets) {
        if (t.targets.length && target === null) continue; // unresolvable: leave it out
        edges.push({ id: `e${edges.length}`, source, target, event, guard, label });
      }
    }
  };

  for (const node of nodes) {
    const config = configs.get(node.id) as Config;
    if (isObject(config.on)) for (const [event, value] of Object.entries(config.on)) add(node.id, event, value);
    if (isObject(config.after)) for (const [delay, value] of Object.entries(config.after)) add(node.id, `after ${delay}`, value);
    if (config.always !== undefined) add(node.id, 'always', config.always);
    if (config.onDone !== undefined) add(node.id, 'done', config.onDone);
  }
  return { nodes, edges, machineId };
}

/** The label of a node in `lang` (the state key when the definition has none). Pure. */
export function nodeLabel(node: GraphNode, lang: 'id' | 'en'): string {
  return node.label?.[lang] ?? node.label?.id ?? node.label?.en ?? node.key;
}

/**
 * The state ids a server state string covers: `review.docs` → itself and its ancestors
 * (`review`); parallel strings (`a(b.c,d.e)`) give every region's path. Pure.
 */
export function statePaths(state: string): string[] {
  const out = new Set<string>();
  const walk = (s: string, prefix: string) => {
    let depth = 0;
    let start = 0;
    const parts: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ',' && depth === 0) {
        parts.push(s.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(s.slice(start));
    for (const part of parts) {
      const open = part.indexOf('(');
      const head = open === -1 ? part : part.slice(0, open);
      const segments = head.split('.').filter(Boolean);
      let acc = prefix;
      for (const seg of segments) {
        acc = acc ? `${acc}.${seg}` : seg;
        out.add(acc);
      }
      if (open !== -1 && part.endsWith(')')) walk(part.slice(open + 1, -1), acc);
    }
  };
  walk(state, '');
  return [...out];
}
