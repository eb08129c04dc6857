/**
 * The work page's pure parts, for any flow: the view as staff get it (api.md: status in words,
 * the definition's `view.staff` fields, the declared document kinds, events with their forms and
 * confirmations), its heading, values in words, and labels for what officers recorded, from the
 * events' forms and the declared document kinds.
 */
import { formatAnswer, formFields, type AnswerRow, type AnswerWords, type FieldInfo } from '../../lib/answers.ts';
import type { ApplicationView, DocumentKind, EventView, FormView, I18nText, Lang, ViewField } from '../../lib/types.ts';

/** The view as staff get it. */
export type WorkView = ApplicationView;
/** An event the viewer may send now; `confirm`: ask first, in these words. */
export type WorkEvent = EventView;

type Tx = (text: I18nText | null | undefined) => string;

/** What the page is called: the first of the definition's staff fields with a value in words (who or what it is about), else the flow's title. Pure. */
export function headingOf(view: Pick<WorkView, 'fields' | 'title'>, tx: Tx): string {
  for (const f of view.fields ?? []) {
    if (typeof f.value === 'string' && f.value.trim() !== '') return f.value.trim();
    if (typeof f.value === 'number') return String(f.value);
  }
  return view.title ? tx(view.title) : '';
}

/** The forms known so far joined with the events' forms, each form once (by id, the newest kept). Pure. */
export function mergeForms(known: readonly FormView[], events: readonly WorkEvent[]): FormView[] {
  const byId = new Map(known.map((f) => [f.id, f]));
  for (const e of events) if (e.form) byId.set(e.form.id, e.form);
  return [...byId.values()];
}

const documentInfo: FieldInfo = { document: true, options: [] };

/**
 * Answers no step form explains (what officers recorded with an event's form): labelled from the
 * declared document kinds (a field named after a kind holds an upload) and from the events'
 * forms of the flow version, else as they came; those the definition's staff fields already show
 * (`data.<key>`) left out. Pure.
 */
export function labelRecorded(
  rows: readonly AnswerRow[],
  forms: readonly FormView[],
  documents: readonly DocumentKind[],
  lang: Lang,
  tx: Tx,
  shown: readonly Pick<ViewField, 'path'>[] = [],
): AnswerRow[] {
  const fields = new Map<string, FieldInfo>();
  for (const form of forms) for (const [key, info] of formFields(form, lang)) if (!fields.has(key) || (!fields.get(key)?.title && info.title)) fields.set(key, info);
  // NOTE: a value the definition's fields show (or part of it: data.infoRequest.note) is not repeated here.
  const isShown = (key: string) => shown.some((f) => f.path === `data.${key}` || f.path.startsWith(`data.${key}.`));
  return rows.filter((row) => !isShown(row.key)).map((row) => {
    const kind = documents.find((d) => d.kind === row.key);
    if (kind) return { ...row, label: tx(kind.title) || row.label, info: documentInfo };
    const info = fields.get(row.key);
    return info ? { ...row, label: info.title ?? row.label, info } : row;
  });
}

/** A document kind in words: its declared title, else its name. Pure. */
export function kindTitle(kind: string, documents: readonly DocumentKind[] | undefined, tx: Tx): string {
  const declared = documents?.find((d) => d.kind === kind);
  return (declared ? tx(declared.title) : '') || kind;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value of the definition's fields in words: a time written out, else as an answer is. Pure. */
export function fieldText(value: unknown, words: AnswerWords & { dateTime: (iso: string) => string }): string {
  if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return words.dateTime(value);
  return formatAnswer(value, undefined, words);
}
