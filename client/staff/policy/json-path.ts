/**
 * Where a validator finding points in the JSON text being edited. Findings carry JSON paths into
 * the bundle (`$.definition.machine.states.review.on.SUBMIT`, `$.forms["permit-schedule"]`,
 * `$.definition.machine.states.a.always[0].target`); the editor holds the definition (or one
 * form) as text. `parsePath` splits a path, `locate` finds the deepest part of it present in the
 * text and gives its range (the key too, when the value sits under one); text that is not JSON
 * has no places. Pure, never throws.
 */

export type Segment = string | number;

/** `$.a.b[0]["c-d"]` → `['a', 'b', 0, 'c-d']`; null when it is not a path of that form. */
export function parsePath(path: string): Segment[] | null {
  if (!path.startsWith('$')) return null;
  const out: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.') {
      const m = /^[A-Za-z_$][\w$]*/.exec(path.slice(i + 1));
      if (!m) return null;
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (path[i] === '[') {
      const rest = path.slice(i);
      const num = /^\[(\d+)\]/.exec(rest);
      if (num) {
        out.push(Number(num[1]));
        i += num[0].length;
        continue;
      }
      const str = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
      if (!str) return null;
      try {
        out.push(JSON.parse(str[1]!) as string);
      } catch {
        return null;
      }
      i += str[0].length;
    } else return null;
  }
  return out;
}

/** A located value: `from`–`to` of the value; `keyFrom` where its property key starts (if any); `depth` of the path found. */
export type Located = { from: number; to: number; keyFrom: number | null; depth: number; exact: boolean };

type Node = { from: number; to: number; keyFrom: number | null; children?: Map<Segment, Node> };

/** A JSON scanner: the tree of values with their offsets; null when the text is not JSON. */
function scan(text: string): Node | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string | null => {
    if (text[i] !== '"') return null;
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) return null;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return null;
    }
  };
  const value = (keyFrom: number | null): Node | null => {
    ws();
    const from = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const children = new Map<Segment, Node>();
      const node: Node = { from, to: from, keyFrom, children };
      ws();
      if (text[i] === '}') {
        i++;
        node.to = i;
        return node;
      }
      for (;;) {
        ws();
        const kf = i;
        const key = str();
        if (key === null) return finish(node);
        ws();
        if (text[i] !== ':') return finish(node);
        i++;
        const child = value(kf);
        if (!child) return finish(node);
        if (!children.has(key)) children.set(key, child);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          node.to = i;
          return node;
        }
        return finish(node);
      }
    }
    if (c === '[') {
      i++;
      const children = new Map<Segment, Node>();
      const node: Node = { from, to: from, keyFrom, children };
      ws();
      if (text[i] === ']') {
        i++;
        node.to = i;
        return node;
      }
      for (let n = 0; ; n++) {
        const child = value(null);
        if (!child) return finish(node);
        children.set(n, child);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          node.to = i;
          return node;
        }
        return finish(node);
      }
    }
    if (c === '"') {
      if (str() === null) return null;
      return { from, to: i, keyFrom };
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return null;
    i += m[0].length;
    return { from, to: i, keyFrom };
  };
  const finish = (_node: Node): Node => {
    throw new SyntaxError(`JSON ends or breaks at ${i}`);
  };
  try {
    const root = value(null);
    ws();
    return root && i === text.length ? root : null;
  } catch {
    return null;
  }
}

/**
 * The range in `text` of the deepest value on `path` (segments, or a `$…` string with `strip`
 * segments removed from its front, e.g. `['definition']`). Null when the text is not JSON or the
 * path does not start with `strip`.
 */
export function locate(text: string, path: Segment[] | string, strip: Segment[] = []): Located | null {
  let segments = typeof path === 'string' ? parsePath(path) : path;
  if (!segments) return null;
  if (strip.some((s, k) => segments![k] !== s)) return null;
  segments = segments.slice(strip.length);
  const root = scan(text);
  if (!root) return null;
  let node = root;
  let depth = 0;
  for (const segment of segments) {
    const child = node.children?.get(segment);
    if (!child) break;
    node = child;
    depth++;
  }
  return { from: node.from, to: node.to, keyFrom: node.keyFrom, depth, exact: depth === segments.length };
}
