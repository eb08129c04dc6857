/**
 * The public summary of a published flow (the `GET /api/flows` item): its key, version, title,
 * description and highlights, each text rendered with the flow's policy numbers
 * (`{{policy.fees.x | money}}`), plus what the installed packs add from its policy. Nothing else
 * of the policy leaves the server. Pure.
 */
import type { Flow } from '#machines/build.ts';
import { renderTexts } from '#machines/template.ts';
import type { I18nText } from '#machines/types.ts';
import { usesPack, type RuntimePack } from '../runtime/pack.ts';

export type FlowSummary = {
  key: string;
  version: number;
  title: I18nText;
  description?: I18nText;
  /** What an applicant reads before starting (fees, what to prepare, timing), from the definition. */
  highlights?: { title: I18nText; items: I18nText[] }[];
} & Record<string, unknown>;

/** The summary of `flow` (published as `version`), with the packs' additions. */
export function flowSummary(flow: Flow, version: number, packs: readonly RuntimePack[]): FlowSummary {
  const d = flow.bundle.definition;
  const vars = { policy: d.policy };
  const extras = Object.assign({}, ...packs.filter((p) => usesPack(flow, p)).map((p) => p.summary?.(flow) ?? {})) as Record<string, unknown>;
  return {
    ...extras,
    key: d.key,
    version,
    title: renderTexts(d.title, vars),
    ...(d.description ? { description: renderTexts(d.description, vars) } : {}),
    ...(d.highlights?.length
      ? { highlights: d.highlights.map((h) => ({ title: renderTexts(h.title, vars), items: h.items.map((item) => renderTexts(item, vars)) })) }
      : {}),
  };
}
