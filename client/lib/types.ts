/**
 * Shapes of the HTTP API (docs/api.md) as the client reads them. Declared here rather than
 * imported from server/ so the client depends on the contract, not on server internals. Domain
 * packs add fields of their own to views and list items (read them in the pack, as `unknown`).
 */

/** Text in both UI languages; Indonesian (`id`) is the default. */
export type I18nText = { id: string; en: string };

export type Lang = 'id' | 'en';

export type User = {
  id: string;
  email: string;
  roles: string[];
  fullName?: string;
  locale?: Lang;
  officeCode?: string | null;
  groups?: string[];
};

/** What an applicant reads about a service before starting (a titled list: fees, what to prepare, timing). */
export type Highlight = { title: I18nText; items: I18nText[] };

/** An item of `GET /api/flows`: every text already rendered with the flow's policy numbers. */
export type Flow = { key: string; version: number; title: I18nText; description?: I18nText; highlights?: Highlight[] };

/** A step's form: JSON Schema + RJSF uiSchema; `i18n[lang]` maps JSON pointers into `schema` to texts. */
export type FormView = {
  id: string;
  title?: I18nText;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  i18n?: Partial<Record<Lang, Record<string, string>>>;
};

/** An event the viewer may send now; `confirm`: ask this before sending it (it cannot be undone). */
export type EventView = { type: string; label?: I18nText; confirm?: I18nText; groups?: string[]; form?: FormView };

export type StepView = { id: string; order: number; label?: I18nText };

/** A document kind the flow accepts: its name, the content types and the largest size, who uploads it. */
export type DocumentKind = { kind: string; title: I18nText; types: string[]; maxBytes: number; uploadedBy?: string[] };

/** A value of the application the flow's definition shows this viewer (`view` in the definition), with its label. */
export type ViewField = { path: string; label: I18nText; value: unknown };

export type ApplicationView = {
  id: string;
  flow: string;
  flowVersion: number;
  /** The flow's title. */
  title?: I18nText;
  state: string;
  status: string;
  /** The status in words, from the flow's `statuses` (null when it names none). */
  statusLabel?: I18nText | null;
  label: I18nText | null;
  description?: I18nText;
  /** What happens next, from the state or its status. */
  next?: I18nText;
  step?: StepView;
  /** The flow's applicant steps in order (for the stepper); `step` is one of them while the applicant is in one. */
  steps?: StepView[];
  /** A "check your answers" step: the answers so far belong above its form. */
  review?: boolean;
  final?: boolean;
  form: FormView | null;
  events: EventView[];
  data: Record<string, unknown>;
  /** The values the flow shows this viewer, with labels. */
  fields?: ViewField[];
  /** The document kinds the flow accepts (for upload fields). */
  documents?: DocumentKind[];
  version: number;
  ownerId?: string;
  officeCode?: string | null;
  createdAt?: string;
  updatedAt?: string;
  history?: string;
} & Record<string, unknown>;

/** An item of `GET /api/applications` (domain packs add their list columns). */
export type ApplicationSummary = {
  id: string;
  flow: string;
  flowVersion: number;
  title: I18nText | null;
  label: I18nText | null;
  /** The status in words, from the flow's `statuses`. */
  statusLabel?: I18nText | null;
  state: string;
  status: string;
  version: number;
  officeCode: string | null;
  scheduledDate?: string | null;
  lookupCode?: string | null;
  createdAt: string;
  updatedAt: string;
  /** In the work queue (`awaiting=me`): since when the caller may act. */
  waitingSince?: string;
} & Record<string, unknown>;

/** An item of `GET /api/applications` as staff get it (the packs' staff columns are theirs to read). */
export type StaffApplicationSummary = ApplicationSummary;

export type ApplicationList = { items: ApplicationSummary[]; nextCursor: string | null };

export type HistoryEntry = {
  seq: number;
  type: string;
  /** The event's label from the flow (null for the engine's own events and timers). */
  label?: I18nText | null;
  actor?: string | null;
  actorRole?: string | null;
  at: string;
  from: string | null;
  fromLabel?: I18nText | null;
  to: string | null;
  toLabel?: I18nText | null;
  data?: unknown;
  /** What the server established for the event (a domain pack's facts). */
  facts?: unknown;
};
