/** The API answers the auditor console reads (docs/api.md). */
import type { ApplicationSummary, I18nText } from '../../lib/types.ts';

export type FlowItem = { key: string; version: number; title: I18nText };
export type Office = { code: string; name: string; city?: string };
export type VersionSummary = { version: number; status: string; checksum?: string; publishedAt?: string | null; publishedBy?: string | null };
export type VersionDetail = VersionSummary & { definition: { key?: string; title?: I18nText; statuses?: Record<string, { label?: I18nText }>; machine: unknown } };
export type ApplicationItem = ApplicationSummary;
export type ApplicationPage = { items: ApplicationItem[]; nextCursor: string | null };
export type DocumentItem = { id: string; kind: string; size: number; sha256: string; mime: string; filename?: string | null; createdAt: string };
export type VerifyReport = { checked: number; events: number; mismatches: { applicationId: string; seq?: number; problem: string }[] };
/** A verification of a flow or the whole log, run in the background (`GET /api/audit/verify/:id`). */
export type VerifyJob = VerifyReport & { id: string; status: 'running' | 'done' | 'failed' | 'interrupted'; total: number };
