/** What the policy pages read from the flows API (docs/api.md, "Definitions"). */
import type { FlowBundle, Finding, I18nText } from '../../../machines/types.ts';

export type VersionStatus = 'draft' | 'published' | 'retired';
export type VersionSummary = {
  key: string;
  version: number;
  status: VersionStatus;
  checksum: string;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
};
export type VersionDetail = VersionSummary & FlowBundle;
/** One item of `GET /api/flows?all=1` (policy, auditor, admin): every flow key, drafts-only and unlisted ones too. */
export type FlowEntry = { key: string; title: I18nText; listed: boolean; versions: VersionSummary[] };
export type SaveAnswer = VersionDetail & { findings: Finding[] };

export const versionPath = (key: string, version: number) => `/api/flows/${encodeURIComponent(key)}/versions/${version}`;
export const editorPath = (key: string, version: number) => `/policy/flows/${encodeURIComponent(key)}/versions/${version}`;

/** Pretty JSON as the editor shows it (2 spaces, a final newline). */
export const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `JSON.parse` as a result. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** A form without `ui:autofocus` (a preview beside an editor must not take the focus away from it). Pure. */
export function withoutAutofocus<F extends { uiSchema?: Record<string, unknown> }>(form: F): F {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'ui:autofocus').map(([k, v]) => [k, strip(v)]));
  };
  return form.uiSchema ? { ...form, uiSchema: strip(form.uiSchema) as Record<string, unknown> } : form;
}
