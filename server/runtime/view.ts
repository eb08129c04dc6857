/**
 * The application view clients render: where it is, what the viewer may do now and with which
 * form. Language-neutral (texts as {id, en}) so a replayed Idempotency-Key answer is identical
 * and the client can switch language without a round trip.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import { activeNodes, allowedEvents, activeForm, statusOf, labelOf, rolesFor, isFinal } from '#machines/engine.ts';
import type { FormDefinition, I18nText, Role } from '#machines/types.ts';
import type { ApplicationRow } from './event-store.ts';

export type FormView = { id: string; title?: I18nText; schema: unknown; uiSchema: unknown; i18n?: FormDefinition['i18n'] };

export type ApplicationView = {
  id: string;
  flow: string;
  flowVersion: number;
  /** The flow's title (its definition's), for people. */
  title: I18nText;
  state: string;
  status: string;
  label: I18nText | null;
  description?: I18nText;
  step?: { id: string; order: number; label?: I18nText };
  /** The flow's applicant steps in order (from the definition's step metadata), for the stepper. */
  steps: { id: string; order: number; label?: I18nText }[];
  final: boolean;
  form: FormView | null;
  events: { type: string; label?: I18nText; form?: FormView }[];
  data: Record<string, unknown>;
  version: number;
  ownerId: string;
  officeCode: string | null;
  createdAt: string;
  updatedAt: string;
  queueNumber?: unknown;
  appointment?: unknown;
  payment?: unknown;
  pickupDate?: unknown;
  /** A walk-in's priority and the person at the counter. */
  walkIn?: unknown;
  history: string;
};

const formView = (f: FormDefinition): FormView => ({
  id: f.id,
  ...(f.title ? { title: f.title } : {}),
  schema: f.schema,
  uiSchema: f.uiSchema ?? {},
  ...(f.i18n ? { i18n: f.i18n } : {}),
});

const stepsCache = new WeakMap<Flow, ApplicationView['steps']>();

/** Every distinct `meta.step` of the flow's states, by order (several states may share a step). */
function stepsOf(flow: Flow): ApplicationView['steps'] {
  let steps = stepsCache.get(flow);
  if (!steps) {
    const byId = new Map<string, ApplicationView['steps'][number]>();
    const visit = (node: { meta?: { step?: ApplicationView['steps'][number] }; states?: Record<string, unknown> }) => {
      const step = node.meta?.step;
      if (step && !byId.has(step.id)) byId.set(step.id, step);
      for (const child of Object.values(node.states ?? {})) visit(child as typeof node);
    };
    visit(flow.bundle.definition.machine as Parameters<typeof visit>[0]);
    steps = [...byId.values()].sort((a, b) => a.order - b.order);
    stepsCache.set(flow, steps);
  }
  return steps;
}

export type StepForms = ApplicationView['steps'][number] & { forms: FormView[] };

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
    out = stepsOf(flow).map((step) => ({ ...step, forms: [...(forms.get(step.id)?.values() ?? [])] }));
    stepFormsCache.set(flow, out);
  }
  return out;
}

/** Context fields that domain steps add and the view passes through when present. */
const EXTRA_FIELDS = ['queueNumber', 'appointment', 'payment', 'pickupDate', 'walkIn'] as const;

export function buildView(flow: Flow, row: ApplicationRow, snapshot: AnyMachineSnapshot, roles: Role[]): ApplicationView {
  const context = (snapshot.context ?? {}) as Record<string, unknown>;
  const nodes = activeNodes(flow, snapshot);
  const leafMeta = nodes.map((n) => n.meta).find((m) => m && (m.label || m.step || m.description)) ?? {};
  const events = roles.length ? allowedEvents(flow, snapshot).filter((e) => e.roles.some((r) => roles.includes(r as Role))) : [];
  const form = activeForm(flow, snapshot);
  const canSubmit = events.some((e) => e.type === 'SUBMIT') && rolesFor(flow, snapshot, 'SUBMIT').some((r) => roles.includes(r));
  const view: ApplicationView = {
    id: row.id,
    flow: row.flowKey,
    flowVersion: row.flowVersion,
    title: flow.bundle.definition.title,
    state: row.state,
    status: statusOf(flow, snapshot),
    label: labelOf(flow, snapshot) ?? null,
    ...(leafMeta.description ? { description: leafMeta.description } : {}),
    ...(leafMeta.step ? { step: leafMeta.step } : {}),
    steps: stepsOf(flow),
    final: isFinal(snapshot),
    form: form && canSubmit ? formView(form) : null,
    events: events.map((e) => {
      const f = e.form ? flow.bundle.forms[e.form] : undefined;
      return { type: e.type, ...(e.label ? { label: e.label } : {}), ...(f && e.type !== 'SUBMIT' ? { form: formView(f) } : {}) };
    }),
    data: (context.data as Record<string, unknown>) ?? {},
    version: row.version,
    ownerId: row.ownerId,
    officeCode: row.officeCode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    history: `/api/applications/${row.id}/history`,
  };
  for (const k of EXTRA_FIELDS) if (context[k] !== undefined && context[k] !== null) view[k] = context[k];
  const appointment = context.appointment as { queueCode?: unknown } | undefined;
  if (typeof appointment?.queueCode === 'string') view.appointment = { ...appointment, qr: `/api/applications/${row.id}/queue-qr.svg` };
  return view;
}
