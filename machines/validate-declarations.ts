/**
 * Checks of what a definition declares beside its machine: the document kinds it accepts, which
 * staff see its applications, the context values its view shows, its status labels, its
 * highlights, whether it is listed, and the policy-numbers form (`policySchema`).
 */
import { at, checkI18n, type Findings, kindOf, list, unknownKeys, type Json } from './findings.ts';
import { closedFormSchema, createFormAjv } from './form-ajv.ts';
import { documentKindProblem } from './names.ts';
import { DOTTED_PATH_PATTERN, isRecord } from './object-path.ts';
import { checkFormShape } from './validate-forms.ts';
import type { Registry } from './registry.ts';

/** The content types the server can tell from a file's bytes. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** The largest `maxBytes` a document kind may declare (an upload is held in memory while it is checked). */
export const DOCUMENT_MAX_BYTES_LIMIT = 20 * 1024 * 1024;
export const UPLOADERS = ['applicant', 'officer'] as const;

const DOCUMENT_KEYS = ['title', 'types', 'maxBytes', 'uploadedBy'];
const PATH = new RegExp(DOTTED_PATH_PATTERN);

function checkPath(out: Findings, value: unknown, path: string, what: string): value is string {
  if (typeof value === 'string' && PATH.test(value)) return true;
  out.error(path, `${what} must be a dotted context path such as "data.worker.fullName", got ${kindOf(value)}`);
  return false;
}

/** `documents`: kind → {title, types, maxBytes, uploadedBy}. Returns the declared kinds. */
export function checkDocuments(out: Findings, documents: unknown): Set<string> {
  const kinds = new Set<string>();
  if (documents === undefined) return kinds;
  const path = '$.definition.documents';
  if (!isRecord(documents)) {
    out.error(path, `documents must be an object of document kind → { title, types, maxBytes, uploadedBy }, got ${kindOf(documents)}`);
    return kinds;
  }
  for (const [kind, entry] of Object.entries(documents)) {
    const p = at(path, kind);
    const problem = documentKindProblem(kind);
    if (problem) out.error(p, problem);
    if (!isRecord(entry)) {
      out.error(p, `document kind '${kind}' must be { title, types, maxBytes, uploadedBy }, got ${kindOf(entry)}`);
      continue;
    }
    kinds.add(kind);
    unknownKeys(out, entry, p, DOCUMENT_KEYS, `document kind '${kind}'`, 'error');
    checkI18n(out, entry.title, at(p, 'title'), `document kind '${kind}' title`);
    if (!Array.isArray(entry.types) || entry.types.length === 0) {
      out.error(at(p, 'types'), `types must list the accepted content types: ${DOCUMENT_TYPES.join(', ')}`);
    } else {
      entry.types.forEach((type: unknown, i) => {
        if (!DOCUMENT_TYPES.includes(type as (typeof DOCUMENT_TYPES)[number])) {
          out.error(at(p, 'types', i), `content type ${JSON.stringify(type)} cannot be told from a file's bytes; accepted: ${DOCUMENT_TYPES.join(', ')}`);
        }
      });
    }
    const max = entry.maxBytes;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > DOCUMENT_MAX_BYTES_LIMIT) {
      out.error(at(p, 'maxBytes'), `maxBytes must be a whole number of bytes from 1 to ${DOCUMENT_MAX_BYTES_LIMIT} (20 MiB), e.g. 2097152 for 2 MiB`);
    }
    if (!Array.isArray(entry.uploadedBy) || entry.uploadedBy.length === 0) {
      out.error(at(p, 'uploadedBy'), `uploadedBy must list who uploads it: ${UPLOADERS.join(', ')}`);
    } else {
      entry.uploadedBy.forEach((who: unknown, i) => {
        if (!UPLOADERS.includes(who as (typeof UPLOADERS)[number])) {
          out.error(at(p, 'uploadedBy', i), `unknown uploader ${JSON.stringify(who)}; uploaders: ${UPLOADERS.join(', ')}`);
        }
      });
    }
  }
  return kinds;
}

/** `staff`: {scope: "office", office: path | [paths], lookup?} or {scope: "any", lookup?}. */
export function checkStaff(out: Findings, staff: unknown) {
  if (staff === undefined) return;
  const path = '$.definition.staff';
  if (!isRecord(staff) || (staff.scope !== 'office' && staff.scope !== 'any')) {
    out.error(path, `staff must be { "scope": "office", "office": "<context path>" } or { "scope": "any" }, got ${isRecord(staff) ? `scope ${JSON.stringify(staff.scope)}` : kindOf(staff)}`);
    return;
  }
  unknownKeys(out, staff, path, staff.scope === 'office' ? ['scope', 'office', 'lookup'] : ['scope', 'lookup'], 'staff', 'error');
  if (staff.scope === 'office') {
    const offices = Array.isArray(staff.office) ? staff.office : [staff.office];
    if (offices.length === 0) out.error(at(path, 'office'), 'office must name the context path that holds the office code');
    offices.forEach((p: unknown, i) => checkPath(out, p, Array.isArray(staff.office) ? at(path, 'office', i) : at(path, 'office'), 'staff.office'));
  }
  if (staff.lookup === undefined) return;
  if (!isRecord(staff.lookup)) {
    out.error(at(path, 'lookup'), `lookup must be { date?: <context path>, code?: <context path> }, got ${kindOf(staff.lookup)}`);
    return;
  }
  unknownKeys(out, staff.lookup, at(path, 'lookup'), ['date', 'code'], 'staff.lookup', 'error');
  for (const key of ['date', 'code'] as const) {
    if (staff.lookup[key] !== undefined) checkPath(out, staff.lookup[key], at(path, 'lookup', key), `staff.lookup.${key}`);
  }
}

/** `view`: {applicant?: [{path, label}], staff?: [{path, label}]}. */
export function checkView(out: Findings, view: unknown) {
  if (view === undefined) return;
  const path = '$.definition.view';
  if (!isRecord(view)) {
    out.error(path, `view must be { applicant?: [{ path, label }], staff?: [{ path, label }] }, got ${kindOf(view)}`);
    return;
  }
  unknownKeys(out, view, path, ['applicant', 'staff'], 'view', 'error');
  for (const audience of ['applicant', 'staff'] as const) {
    const fields = view[audience];
    if (fields === undefined) continue;
    if (!Array.isArray(fields)) {
      out.error(at(path, audience), `view.${audience} must be a list of { path, label }, got ${kindOf(fields)}`);
      continue;
    }
    fields.forEach((field: unknown, i) => {
      const p = at(path, audience, i);
      if (!isRecord(field)) {
        out.error(p, `a view field must be { path, label }, got ${kindOf(field)}`);
        return;
      }
      unknownKeys(out, field, p, ['path', 'label'], 'a view field', 'error');
      checkPath(out, field.path, at(p, 'path'), 'a view field path');
      checkI18n(out, field.label, at(p, 'label'), 'a view field label');
    });
  }
}

/** `statuses`: status → {label, next?}; `used` are the statuses the machine's meta names. */
export function checkStatuses(out: Findings, statuses: unknown, used: Set<string>) {
  if (statuses === undefined) return;
  const path = '$.definition.statuses';
  if (!isRecord(statuses)) {
    out.error(path, `statuses must be an object of status → { label, next? }, got ${kindOf(statuses)}`);
    return;
  }
  for (const [status, entry] of Object.entries(statuses)) {
    const p = at(path, status);
    if (!isRecord(entry)) {
      out.error(p, `status '${status}' must be { label: {id, en}, next?: {id, en} }, got ${kindOf(entry)}`);
      continue;
    }
    unknownKeys(out, entry, p, ['label', 'next'], `status '${status}'`, 'error');
    checkI18n(out, entry.label, at(p, 'label'), `status '${status}' label`);
    if (entry.next !== undefined) checkI18n(out, entry.next, at(p, 'next'), `status '${status}' next`);
    if (!used.has(status)) out.warn(p, `status '${status}' is not the meta.status of any state`);
  }
  for (const status of used) {
    if (!Object.hasOwn(statuses, status)) out.warn(path, `status '${status}' (a state's meta.status) has no label here, so people see its name`);
  }
}

/** `highlights`: [{title, items: [text]}]. */
export function checkHighlights(out: Findings, highlights: unknown) {
  if (highlights === undefined) return;
  const path = '$.definition.highlights';
  if (!Array.isArray(highlights)) {
    out.error(path, `highlights must be a list of { title, items }, got ${kindOf(highlights)}`);
    return;
  }
  highlights.forEach((h: unknown, i) => {
    const p = at(path, i);
    if (!isRecord(h)) {
      out.error(p, `a highlight must be { title: {id, en}, items: [{id, en}] }, got ${kindOf(h)}`);
      return;
    }
    unknownKeys(out, h, p, ['title', 'items'], 'a highlight', 'error');
    checkI18n(out, h.title, at(p, 'title'), 'a highlight title');
    if (!Array.isArray(h.items) || h.items.length === 0) out.error(at(p, 'items'), 'items must be a non-empty list of {id, en} texts');
    else h.items.forEach((item: unknown, j) => checkI18n(out, item, at(p, 'items', j), 'a highlight item'));
  });
}

/** `policySchema`: a form of the policy (schema, uiSchema, i18n) the policy itself satisfies. */
export function checkPolicySchema(out: Findings, policySchema: unknown, policy: Json, registry: Registry) {
  if (policySchema === undefined) return;
  const path = '$.definition.policySchema';
  if (!isRecord(policySchema)) {
    out.error(path, `policySchema must be { schema, uiSchema?, i18n? } (a form of the policy), got ${kindOf(policySchema)}`);
    return;
  }
  if (!checkFormShape(out, 'policySchema', { id: 'policySchema', ...policySchema }, path, registry, ['title', 'schema', 'uiSchema', 'i18n', 'id'])) return;
  const schema = policySchema.schema as Json;
  let valid;
  try {
    valid = createFormAjv().compile(closedFormSchema(schema));
  } catch {
    return; // checkFormShape has reported why it does not compile
  }
  if (valid(policy)) return;
  for (const error of valid.errors ?? []) {
    const params = error.params as { missingProperty?: string; unevaluatedProperty?: string; additionalProperty?: string };
    const extra = params.missingProperty ?? params.unevaluatedProperty ?? params.additionalProperty;
    const pointer = `${error.instancePath}${extra === undefined ? '' : `/${extra}`}`;
    const segments = pointer.split('/').slice(1);
    const where = segments.length ? `policy.${segments.join('.')}` : 'policy';
    const what =
      error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties'
        ? `${where} is not described by policySchema: add it there so policy staff see it with a title`
        : error.keyword === 'required'
          ? `${where} is required by policySchema but the policy lacks it`
          : `${where} does not satisfy policySchema: ${error.message ?? 'invalid'}`;
    out.error(at('$.definition.policy', ...segments), what);
  }
}

/** `listed`: true (default) or false. */
export function checkListed(out: Findings, listed: unknown) {
  if (listed !== undefined && typeof listed !== 'boolean') {
    out.error('$.definition.listed', `listed must be true or false (false hides a published flow from the public list), got ${kindOf(listed)}`);
  }
}

/** Forms whose `document` widget names a kind the definition does not declare (or declares for staff only). */
export function checkDocumentWidgets(out: Findings, forms: Json, kinds: Set<string>) {
  for (const [id, form] of Object.entries(forms)) {
    if (!isRecord(form) || !isRecord(form.uiSchema)) continue;
    const visit = (node: unknown, path: string) => {
      if (!isRecord(node)) return;
      if (node['ui:widget'] === 'document') {
        const kind = isRecord(node['ui:options']) ? node['ui:options'].kind : undefined;
        if (typeof kind !== 'string') out.error(path, 'a "document" widget needs "ui:options": { "kind": <a document kind of the definition> }');
        else if (!kinds.has(kind)) out.error(at(path, 'ui:options', 'kind'), `document kind '${kind}' is not declared in the definition's documents; kinds: ${list(kinds)}`);
      }
      for (const [key, child] of Object.entries(node)) if (!key.startsWith('ui:')) visit(child, at(path, key));
    };
    visit(form.uiSchema, at('$.forms', id, 'uiSchema'));
  }
}
