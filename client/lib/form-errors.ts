/**
 * Field errors for forms: the server's 422 `errors: [{pointer, message}]` → RJSF `extraErrors`
 * (an ErrorSchema tree mirroring the data), and entries for the error summary (link target + text).
 * All pure.
 */
import type { ErrorSchema } from '@rjsf/utils';
import { isRecord, isSafePath, parsePointer } from './json-pointer.ts';

export type FieldMessage = { pointer: string; message: string };

/** The separator RJSF puts between the id prefix and path segments (its default). */
export const ID_SEPARATOR = '_';

type Tree = { __errors?: string[]; [key: string]: unknown };

/**
 * Server field errors → RJSF ErrorSchema: `/address/city` → `{address: {city: {__errors: [msg]}}}`.
 * The empty pointer, a malformed one or one through `__proto__`/`__errors` lands on the root.
 */
export function toErrorSchema(errors: readonly FieldMessage[]): ErrorSchema {
  const root: Tree = {};
  for (const { pointer, message } of errors) {
    const parsed = parsePointer(pointer);
    const path = parsed && isSafePath(parsed) && !parsed.includes('__errors') ? parsed : [];
    let node = root;
    for (const segment of path) {
      const child = node[segment];
      node = (isRecord(child) ? child : (node[segment] = {})) as Tree;
    }
    (node.__errors ??= []).push(message);
  }
  return root as ErrorSchema;
}

/** The DOM id RJSF gives the field at `path` (`root_address_city`). */
export function fieldId(idPrefix: string, path: readonly string[]): string {
  return [idPrefix, ...path].join(ID_SEPARATOR);
}

/** RJSF's `property` of a client-side error (`.address.city`, or `fullName` for `required`) → path. */
export function propertyToPath(property: string | undefined): string[] {
  return (property ?? '').split('.').filter((s) => s !== '');
}

/**
 * The label of the field at `path`, as RJSF shows it: the uiSchema's `ui:title`, else the title in
 * the (localized) JSON Schema, found through `properties`, `items` and the branches of
 * `allOf`/`anyOf`/`oneOf`/`then`/`else`; the last segment if there is none.
 */
export function titleAt(schema: unknown, path: readonly string[], uiSchema?: unknown): string {
  let ui: unknown = uiSchema;
  for (const segment of path) ui = isRecord(ui) ? (/^\d+$/.test(segment) ? ui.items : ui[segment]) : undefined;
  if (isRecord(ui) && typeof ui['ui:title'] === 'string' && ui['ui:title']) return ui['ui:title'];
  let node: unknown = schema;
  for (const segment of path) {
    node = childSchema(node, segment);
    if (node === undefined) break;
  }
  const title = isRecord(node) ? node.title : undefined;
  return typeof title === 'string' && title ? title : (path[path.length - 1] ?? '');
}

function childSchema(node: unknown, segment: string): unknown {
  if (!isRecord(node)) return undefined;
  const props = node.properties;
  if (isRecord(props) && Object.hasOwn(props, segment)) return props[segment];
  if (/^\d+$/.test(segment)) {
    const items = node.items;
    if (Array.isArray(items)) return items[Number(segment)];
    if (isRecord(items)) return items;
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    for (const b of branches) {
      const found = childSchema(b, segment);
      if (found !== undefined) return found;
    }
  }
  for (const key of ['then', 'else']) {
    const found = childSchema(node[key], segment);
    if (found !== undefined) return found;
  }
  return undefined;
}

export type SummaryItem = { fieldId?: string; text: string };

/**
 * Error-summary entries: `"<field title>: <message>"` linking to the field's id; an error on the
 * whole form (empty path) has no link.
 */
export function summaryItems(
  errors: readonly { path: readonly string[]; message: string }[],
  form: { schema: unknown; uiSchema?: unknown },
  idPrefix: string,
): SummaryItem[] {
  return errors.map(({ path, message }) =>
    path.length === 0 ? { text: message } : { fieldId: fieldId(idPrefix, path), text: `${titleAt(form.schema, path, form.uiSchema)}: ${message}` },
  );
}

/**
 * For hand-written forms with flat fields: the first message per known field (by the pointer's
 * first segment) and summary entries linking to `${idPrefix}-${field}`; messages for unknown
 * fields are listed without a link.
 */
export function flatFieldErrors(
  errors: readonly FieldMessage[],
  fields: readonly string[],
  idPrefix: string,
): { byField: Record<string, string>; items: SummaryItem[] } {
  const byField: Record<string, string> = {};
  const items: SummaryItem[] = [];
  for (const { pointer, message } of errors) {
    const field = parsePointer(pointer)?.[0];
    if (field !== undefined && fields.includes(field)) {
      byField[field] ??= message;
      items.push({ fieldId: `${idPrefix}-${field}`, text: message });
    } else {
      items.push({ text: message });
    }
  }
  return { byField, items };
}
