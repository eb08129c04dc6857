/**
 * The definition format (a permit flow kept as data) and the engine's contract.
 * Everything in machines/ is pure: no I/O, no clock (`now` is passed in), runs in the browser too.
 */

/** Text in both UI languages. Indonesian is the default. */
export type I18nText = { id: string; en: string };

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const ROLES = ['applicant', 'officer', 'policy', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Timers fire as this role. It is never a user's role. */
export const SYSTEM_ROLE = 'system';

/** Per-event metadata inside a state's `meta.events`. */
export type EventMeta = {
  /** Roles that may send this event here; defaults to the state's `roles`. */
  roles?: Role[];
  /** Staff groups that may send it (one of them); defaults to the nearest `groups` of the state or its ancestors. */
  groups?: string[];
  /** Form (id in forms/) the event's `data` must satisfy. SUBMIT defaults to the state's `form`. */
  form?: string;
  label?: I18nText;
  /** Asked before the event is sent (it cannot be undone): "Cancel this application?". */
  confirm?: I18nText;
  /** A server hook (a domain pack's) run in the event's transaction before the transition. */
  hook?: { type: string; params?: Record<string, unknown> };
};

/** `meta` of a state node. */
export type StateMeta = {
  /** The form the state asks for (its SUBMIT data is validated against it). */
  form?: string;
  /** Roles that may send events in this state (unless `events[TYPE].roles` says otherwise). */
  roles?: Role[];
  /** Staff groups that may send events in this state and its descendants (one of them); none: any group. */
  groups?: string[];
  label?: I18nText;
  /** Stepper position for applicant steps. */
  step?: { id: string; order: number; label?: I18nText };
  /** Coarse status reported while this state (or a descendant without its own) is active. */
  status?: string;
  /** Text for the applicant in this state (e.g. what to bring to the office); may hold `{{policy.… | filter}}`. */
  description?: I18nText;
  /** A "check your answers" step: the answers so far are shown above its form, each with a way back. */
  review?: boolean;
  /** What happens next, for the status page ("An officer checks your documents within 5 days"). */
  next?: I18nText;
  events?: Record<string, EventMeta>;
};

/** A document kind a flow accepts (`definition.documents`). */
export type DocumentKindDefinition = {
  title: I18nText;
  /** Content types accepted, told by the file's bytes: application/pdf, image/jpeg, image/png. */
  types: string[];
  /** The largest file, in bytes. */
  maxBytes: number;
  /** Who uploads it: the application's owner, or staff who may act on it. */
  uploadedBy: ('applicant' | 'officer')[];
};

/** Which staff see and act on a flow's applications. */
export type StaffScope =
  /** Officers of the application's office: the first context path of `office` that holds a code. */
  | { scope: 'office'; office: string | string[]; lookup?: StaffLookup }
  /** Staff of any office (with the right role and group). */
  | { scope: 'any'; lookup?: StaffLookup };

/** Context paths staff find applications by: the day they are expected (`date=`), a code they are given (`code=`). */
export type StaffLookup = { date?: string; code?: string };

/** A context value shown in the view, with its label. */
export type ViewField = { path: string; label: I18nText };

/** A form: JSON Schema for the data + RJSF uiSchema + texts per language. */
export type FormDefinition = {
  id: string;
  title?: I18nText;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  /** Per language, JSON pointer into `schema` (e.g. "/properties/name/title") → text, overriding the default language. */
  i18n?: Partial<Record<Lang, Record<string, string>>>;
};

/** Email templates a definition's `notify` actions may use: {{path}} placeholders read context/event. */
export type MessageTemplate = { subject: I18nText; body: I18nText };

/** A flow definition as stored in machines/definitions/<key>.json and in the database. */
export type FlowDefinition = {
  key: string;
  title: I18nText;
  /** What the flow is for; may hold `{{policy.… | filter}}` placeholders. */
  description?: I18nText;
  /** False: published but left out of the public list while staff try it (default true). */
  listed?: boolean;
  /** Policy numbers (fees, windows, quotas, ISO 8601 durations under `delays`). */
  policy: Record<string, unknown> & { delays?: Record<string, string> };
  /** The policy-numbers form for policy staff: a JSON Schema of `policy` with texts in both languages. */
  policySchema?: Omit<FormDefinition, 'id'>;
  /** The document kinds applications of this flow accept. */
  documents?: Record<string, DocumentKindDefinition>;
  /** Which staff see and act on its applications (default: any office). */
  staff?: StaffScope;
  /** Context values the view shows to the applicant and to staff. */
  view?: { applicant?: ViewField[]; staff?: ViewField[] };
  /** Labels (and what happens next) per `meta.status` value. */
  statuses?: Record<string, { label: I18nText; next?: I18nText }>;
  /** What an applicant reads before starting: titled lists of texts (fees, what to prepare, timing). */
  highlights?: { title: I18nText; items: I18nText[] }[];
  messages?: Record<string, MessageTemplate>;
  /** XState config as JSON: guards, actions and delays by name only. Must have an `id`. */
  machine: Record<string, unknown>;
};

/** A definition with the forms it refers to, as published (immutable once published). */
export type FlowBundle = { definition: FlowDefinition; forms: Record<string, FormDefinition> };

/** Who sends an event. */
export type Actor = { id: string; role: Role | typeof SYSTEM_ROLE };

/** The event as the machine sees it: the server stamps `now` (ISO 8601) and `actor`. */
export type EngineEvent = {
  type: string;
  data?: Record<string, unknown>;
  /** What the server established for this event (a hook's result): logged and replayed, never sent by a client. */
  facts?: Record<string, unknown>;
  now: string;
  actor: Actor;
};

/** An effect the runtime performs after (and atomically with) persisting the next snapshot. */
export type Effect =
  | { kind: 'arm'; id: string; dueAt: string; event: { type: string } }
  | { kind: 'disarm'; id: string }
  | { kind: 'action'; type: string; params: Record<string, unknown> };

/** One finding of the validator. */
export type Finding = { path: string; message: string; severity: 'error' | 'warning' };

/** What the runtime passes when an application starts: its ids plus any extra context keys. */
export type FlowInput = { applicationId: string; ownerId: string } & Record<string, unknown>;

/**
 * The machine's context: `{ data: {}, ...machine.context, ...input }`.
 * `data` collects what `save` merges from events (form answers); other keys come from the input or
 * the definition's static `context`, or are written by `setContext`/`stamp`.
 */
export type FlowContext = FlowInput & { data: Record<string, unknown> };
