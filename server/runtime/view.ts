/**
 * The application view clients render: where it is, what the viewer may do now and with which
 * form, what happens next, and the values the definition shows. Language-neutral (texts as
 * {id, en}, each already rendered with the flow's policy numbers and the application's context)
 * so a replayed Idempotency-Key answer is identical and the client can switch language without a
 * round trip. Packs add their own fields (view extras).
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import { activeMeta, allowedEvents, activeForm, statusOf, labelFor, rolesFor, isFinal } from '#machines/engine.ts';
import { readPath } from '#machines/object-path.ts';
import { renderTexts } from '#machines/template.ts';
import type { DocumentKindDefinition, FormDefinition, I18nText, Role } from '#machines/types.ts';
import type { ApplicationRow } from './event-store.ts';
import { usesPack, type RuntimePack } from './pack.ts';

export type FormView = { id: string; title?: I18nText; schema: unknown; uiSchema: unknown; i18n?: FormDefinition['i18n'] };
export type StepView = { id: string; order: number; label?: I18nText };

export type ApplicationView = {
  id: string;
  flow: string;
  flowVersion: number;
  /** The flow's title (its definition's), for people. */
  title: I18nText;
  state: string;
  status: string;
  /** The status in words, from the definition's `statuses` (null when it gives none). */
  statusLabel: I18nText | null;
  label: I18nText | null;
  description?: I18nText;
  /** What happens next, from the state's `meta.next` or its status's `next`. */
  next?: I18nText;
  step?: StepView;
  /** The flow's applicant steps in order (from the definition's step metadata), for the stepper. */
  steps: StepView[];
  /** True on a "check your answers" step (`meta.review`): the answers so far belong above its form. */
  review: boolean;
  final: boolean;
  form: FormView | null;
  events: { type: string; label?: I18nText; confirm?: I18nText; groups?: string[]; form?: FormView }[];
  data: Record<string, unknown>;
  /** The context values the definition's `view` shows this viewer (applicant or staff), with labels. */
  fields: { path: string; label: I18nText; value: unknown }[];
  /** The document kinds the flow accepts (for upload widgets: title, types, size, who uploads). */
  documents: ({ kind: string } & DocumentKindDefinition)[];
  version: number;
  ownerId: string;
  officeCode: string | null;
  createdAt: string;
  updatedAt: string;
  history: string;
} & Record<string, unknown>;

const formView = (f: FormDefinition): FormView => ({
  id: f.id,
  ...(f.title ? { title: f.title } : {}),
  schema: f.schema,
  uiSchema: f.uiSchema ?? {},
  ...(f.i18n ? { i18n: f.i18n } : {}),
});

/** Texts that depend on the policy alone (step labels, document titles), rendered once per flow. */
type FlowTexts = { steps: StepView[]; documents: ApplicationView['documents'] };
const flowTextsCache = new WeakMap<Flow, FlowTexts>();

function flowTexts(flow: Flow): FlowTexts {
  let texts = flowTextsCache.get(flow);
  if (!texts) {
    const { definition } = flow.bundle;
    const vars = { policy: definition.policy };
    const byId = new Map<string, StepView>();
    const visit = (node: { meta?: { step?: StepView }; states?: Record<string, unknown> }) => {
      const step = node.meta?.step;
      if (step && !byId.has(step.id)) byId.set(step.id, { id: step.id, order: step.order, ...(step.label ? { label: renderTexts(step.label, vars) } : {}) });
      for (const child of Object.values(node.states ?? {})) visit(child as typeof node);
    };
    visit(definition.machine as Parameters<typeof visit>[0]);
    texts = {
      steps: [...byId.values()].sort((a, b) => a.order - b.order),
      documents: Object.entries(definition.documents ?? {}).map(([kind, d]) => ({ kind, ...d, title: renderTexts(d.title, vars) })),
    };
    flowTextsCache.set(flow, texts);
  }
  return texts;
}

export type StepForms = StepView & { forms: FormView[] };

const stepFormsCache = new WeakMap<Flow, StepForms[]>();

/**
 * The flow's steps in order, each with the forms its states show (`meta.form`; several states may
 * share a step, e.g. a branch for minors). For "check your answers": the view carries only the
 * current form, and a browser that did not see the earlier ones (another device, a crashed tab)
 * still needs their labels.
 */
export function stepFormsOf(flow: Flow): StepForms[] {
  let out = stepFormsCache.get(flow);
  if (!out) {
    const forms = new Map<string, Map<string, FormView>>();
    type Node = { meta?: { step?: { id: string }; form?: string }; states?: Record<string, unknown> };
    const visit = (node: Node) => {
      const step = node.meta?.step;
      const form = node.meta?.form !== undefined ? flow.bundle.forms[node.meta.form] : undefined;
      if (step && form) {
        const byId = forms.get(step.id) ?? new Map<string, FormView>();
        if (!byId.has(form.id)) byId.set(form.id, formView(form));
        forms.set(step.id, byId);
      }
      for (const child of Object.values(node.states ?? {})) visit(child as Node);
    };
    visit(flow.bundle.definition.machine as Node);
    out = flowTexts(flow).steps.map((step) => ({ ...step, forms: [...(forms.get(step.id)?.values() ?? [])] }));
    stepFormsCache.set(flow, out);
  }
  return out;
}

/** Every form of the flow version (its states' and its events'), in the bundle's order: labels for what was recorded with events that have passed. */
export function formsOf(flow: Flow): FormView[] {
  return Object.values(flow.bundle.forms).map(formView);
}

/** The status in words (the definition's `statuses`), or null. Pure. */
export function statusLabelOf(flow: Flow, status: string): I18nText | null {
  const { definition } = flow.bundle;
  const entry = definition.statuses && Object.hasOwn(definition.statuses, status) ? definition.statuses[status] : undefined;
  return entry ? renderTexts(entry.label, { policy: definition.policy }) : null;
}

/** The viewer sees the applicant's fields when they own the application, else the staff's. */
function fieldsFor(flow: Flow, context: Record<string, unknown>, owner: boolean): ApplicationView['fields'] {
  const { definition } = flow.bundle;
  const declared = (owner ? definition.view?.applicant : definition.view?.staff) ?? [];
  const vars = { policy: definition.policy };
  return declared.flatMap(({ path, label }) => {
    const value = readPath(context, path);
    return value === undefined || value === null || value === '' ? [] : [{ path, label: renderTexts(label, vars), value }];
  });
}

export type ViewInput = { flow: Flow; row: ApplicationRow; snapshot: AnyMachineSnapshot; roles: Role[]; groups: string[]; owner: boolean; packs: readonly RuntimePack[] };

/** The events a viewer may send now: by their roles on the application and, for staff, their groups. Pure. */
export function viewerEvents(flow: Flow, snapshot: AnyMachineSnapshot, roles: readonly Role[], groups: readonly string[]) {
  const staffOnly = (e: { roles: Role[] }) => !e.roles.includes('applicant') || !roles.includes('applicant');
  return roles.length
    ? allowedEvents(flow, snapshot).filter(
        (e) => e.roles.some((r) => roles.includes(r)) && (!staffOnly(e) || e.groups.length === 0 || e.groups.some((g) => groups.includes(g))),
      )
    : [];
}

export function buildView({ flow, row, snapshot, roles, groups, owner, packs }: ViewInput): ApplicationView {
  const context = (snapshot.context ?? {}) as Record<string, unknown>;
  const { definition } = flow.bundle;
  const vars = { policy: definition.policy, context, data: context.data ?? {} };
  const text = (t: I18nText | undefined) => (t ? renderTexts(t, vars) : undefined);
  const events = viewerEvents(flow, snapshot, roles, groups);
  const form = activeForm(flow, snapshot);
  const canSubmit = events.some((e) => e.type === 'SUBMIT') && rolesFor(flow, snapshot, 'SUBMIT').some((r) => roles.includes(r));
  const status = statusOf(flow, snapshot);
  const step = activeMeta(flow, snapshot, 'step');
  const description = text(activeMeta(flow, snapshot, 'description'));
  const statusEntry = definition.statuses && Object.hasOwn(definition.statuses, status) ? definition.statuses[status] : undefined;
  const next = text(activeMeta(flow, snapshot, 'next') ?? statusEntry?.next);
  const { steps, documents } = flowTexts(flow);
  const view: ApplicationView = {
    id: row.id,
    flow: row.flowKey,
    flowVersion: row.flowVersion,
    title: renderTexts(definition.title, vars),
    state: row.state,
    status,
    statusLabel: statusEntry ? renderTexts(statusEntry.label, vars) : null,
    // in a parallel state: the viewer's own region's step (engine.labelFor)
    label: text(labelFor(flow, snapshot, events.map((e) => e.type)) ?? undefined) ?? null,
    ...(description ? { description } : {}),
    ...(next ? { next } : {}),
    ...(step ? { step: steps.find((s) => s.id === step.id) ?? step } : {}),
    steps,
    review: activeMeta(flow, snapshot, 'review') === true,
    final: isFinal(snapshot),
    form: form && canSubmit ? formView(form) : null,
    events: events.map((e) => {
      const f = e.form ? flow.bundle.forms[e.form] : undefined;
      return {
        type: e.type,
        ...(e.label ? { label: text(e.label) } : {}),
        ...(e.confirm ? { confirm: text(e.confirm) } : {}),
        ...(e.groups.length ? { groups: e.groups } : {}),
        ...(f && e.type !== 'SUBMIT' ? { form: formView(f) } : {}),
      };
    }),
    data: (context.data as Record<string, unknown>) ?? {},
    fields: fieldsFor(flow, context, owner),
    documents,
    version: row.version,
    ownerId: row.ownerId,
    officeCode: row.officeCode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    history: `/api/applications/${row.id}/history`,
  };
  for (const pack of packs) if (usesPack(flow, pack)) Object.assign(view, pack.viewExtras?.({ row, context }) ?? {});
  return view;
}
