/**
 * What an applicant needs to choose a passport service, taken from a published definition's
 * `policy` and added to its `GET /api/flows` item (docs/api.md "Published flows"): the fees as
 * they will be billed, the documents to prepare, the payment window and the booking and pickup
 * figures. Only fields that are public by nature
 * are read, each checked for its type; anything else in the policy (internal delays, other
 * flows' numbers) never leaves the server. A field the policy lacks, or gives in a shape this
 * does not understand, is left out rather than guessed. Pure.
 */
import type { Flow } from '#machines/build.ts';
import type { I18nText, StateMeta } from '#machines/types.ts';
import { feeFor, type PassportType, type ValidityYears } from './payments.ts';

export type PassportFee = { passportType: PassportType; validityYears: ValidityYears; amount: number };
export type FlowFees = {
  currency: 'IDR';
  /** Per passport type and validity: the amount the bill will carry (express surcharge included). */
  passports: PassportFee[];
  /** Express flows: the surcharge included in every `amount`. */
  expressSurcharge?: number;
};
export type DocumentSet = {
  /** The title of the step's form (e.g. "Documents for an express replacement"), when it has one. */
  title?: I18nText;
  /** Document kinds every applicant uploads (api.md "Document kinds"). */
  required: string[];
  /** Kinds added when the applicant is younger than `adultAge`. */
  minor: string[];
};
export type PassportSummary = {
  express?: boolean;
  fees?: FlowFees;
  /** One set per documents step of the flow (an express flow has one for new and one for replacement passports). */
  documents?: DocumentSet[];
  adultAge?: number;
  /** ISO 8601 duration: how long a billing code stays payable after booking. */
  paymentWindow?: string;
  /** Days between today (office time) and the earliest bookable date; 1 for express. */
  minLeadDays?: number;
  bookingHorizonDays?: number;
  /** Working days from biometrics to pickup; 0 = the same day. */
  pickupWorkingDays?: number;
  /** ISO 8601 duration after which a passport not collected is cancelled. */
  uncollectedAfter?: string;
};

const PASSPORT_TYPES: readonly PassportType[] = ['ordinary', 'electronic'];
const VALIDITIES: readonly ValidityYears[] = [5, 10];
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
const duration = (v: unknown): string | undefined => (typeof v === 'string' && ISO_DURATION.test(v) ? v : undefined);
const kinds = (v: unknown): string[] => (Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string' && /^[A-Za-z]\w*$/.test(k)) : []);

/** The fee table as `feeFor` bills it, or undefined when the policy has none it can bill. */
function feesOf(policy: Record<string, unknown>): FlowFees | undefined {
  const fees = policy.fees;
  if (!isRecord(fees)) return undefined;
  const express = policy.express === true;
  const passports: PassportFee[] = [];
  for (const passportType of PASSPORT_TYPES) {
    const table = fees[passportType];
    if (!isRecord(table)) continue;
    for (const validityYears of VALIDITIES) {
      if (!Object.hasOwn(table, String(validityYears))) continue;
      try {
        passports.push({ passportType, validityYears, amount: feeFor(policy, { passportType, validityYears }, express).amount });
      } catch {
        // NOTE: a fee feeFor cannot bill is a definition bug that booking reports; here it is just not offered.
      }
    }
  }
  if (passports.length === 0) return undefined;
  const surcharge = count(fees.expressSurcharge);
  return { currency: 'IDR', passports, ...(express && surcharge !== undefined ? { expressSurcharge: surcharge } : {}) };
}

/** The policy document lists the flow's `requireDocuments` hooks check, in the order the machine names them. */
function documentsOf(flow: Flow): DocumentSet[] {
  const policy = flow.bundle.definition.policy;
  const seen = new Set<string>();
  const sets: DocumentSet[] = [];
  const visit = (node: unknown) => {
    if (!isRecord(node)) return;
    const meta = (isRecord(node.meta) ? node.meta : {}) as StateMeta;
    for (const event of Object.values(meta.events ?? {})) {
      if (event.hook?.type !== 'requireDocuments') continue;
      const key = typeof event.hook.params?.policy === 'string' ? event.hook.params.policy : 'documents';
      const list = policy[key];
      if (seen.has(key) || !isRecord(list)) continue;
      seen.add(key);
      const title = meta.form ? flow.bundle.forms[meta.form]?.title : undefined;
      sets.push({ ...(title ? { title } : {}), required: kinds(list.required), minor: kinds(list.minor) });
    }
    if (isRecord(node.states)) for (const child of Object.values(node.states)) visit(child);
  };
  visit(flow.bundle.definition.machine);
  return sets;
}

/** The passport figures of a published flow's public summary (only those its policy has). */
export function passportSummary(flow: Flow): PassportSummary {
  const d = flow.bundle.definition;
  const policy = isRecord(d.policy) ? d.policy : {};
  const delays = isRecord(policy.delays) ? policy.delays : {};
  const fees = feesOf(policy);
  const documents = documentsOf(flow);
  const optional = {
    express: typeof policy.express === 'boolean' ? policy.express : undefined,
    fees,
    documents: documents.length ? documents : undefined,
    adultAge: documents.length ? count(policy.adultAge) : undefined,
    paymentWindow: duration(delays.paymentWindow),
    minLeadDays: count(policy.minLeadDays),
    bookingHorizonDays: count(policy.bookingHorizonDays),
    pickupWorkingDays: count(policy.pickupWorkingDays),
    uncollectedAfter: duration(delays.uncollectedAfter),
  };
  return Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as PassportSummary;
}
