/**
 * Shapes of the HTTP API (../shared/docs/api.md) as the client reads them. Declared here rather
 * than imported from server/ so the client depends on the contract, not on server internals.
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
};

export type Flow = { key: string; version: number; title: I18nText; description?: I18nText };

/** A step's form: JSON Schema + RJSF uiSchema; `i18n[lang]` maps JSON pointers into `schema` to texts. */
export type FormView = {
  id: string;
  title?: I18nText;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  i18n?: Partial<Record<Lang, Record<string, string>>>;
};

export type EventView = { type: string; label?: I18nText; form?: FormView };

export type ApplicationView = {
  id: string;
  flow: string;
  flowVersion: number;
  /** The flow's title. */
  title?: I18nText;
  state: string;
  status: string;
  label: I18nText | null;
  description?: I18nText;
  step?: { id: string; order: number; label?: I18nText };
  /** The flow's applicant steps in order (for the stepper); `step` is one of them while the applicant is in one. */
  steps?: { id: string; order: number; label?: I18nText }[];
  final?: boolean;
  form: FormView | null;
  events: EventView[];
  data: Record<string, unknown>;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  queueNumber?: unknown;
  appointment?: unknown;
  payment?: unknown;
  pickupDate?: unknown;
  history?: string;
};

/** An item of `GET /api/applications`. */
export type ApplicationSummary = {
  id: string;
  flow: string;
  flowVersion: number;
  title: I18nText | null;
  label: I18nText | null;
  state: string;
  status: string;
  version: number;
  officeCode: string | null;
  appointmentDate: string | null;
  queueCode: string | null;
  createdAt: string;
  updatedAt: string;
};

/** An item of `GET /api/applications` as staff get it: with the counter's columns. */
export type StaffApplicationSummary = ApplicationSummary & {
  session?: string | null;
  sessionStart?: string | null;
  sessionEnd?: string | null;
  queueNumber?: number | null;
  applicantName?: string | null;
  walkInPriority?: string | null;
  pickupDate?: string | null;
};

export type ApplicationList = { items: ApplicationSummary[]; nextCursor: string | null };

export type HistoryEntry = {
  seq: number;
  type: string;
  actor?: string | null;
  actorRole?: string | null;
  at: string;
  from: string | null;
  to: string | null;
  data?: unknown;
};
