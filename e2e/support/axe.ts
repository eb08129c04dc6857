/**
 * axe-core in the page under test. The script is evaluated through the DevTools protocol
 * (`page.evaluate(axe.source)`): the app's Content-Security-Policy forbids inline scripts, so
 * `addScriptTag` would be blocked, and the CSP is left on (it is part of what is tested).
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** The impacts that fail a test; `minor` and `moderate` ones and "needs review" are printed only. */
export const FAILING_IMPACTS = new Set(['serious', 'critical']);

export type AxeNode = { target: string; html: string; summary: string };
export type AxeFinding = { id: string; impact: string; help: string; helpUrl: string; nodes: AxeNode[] };
export type AxeReport = { violations: AxeFinding[]; incomplete: AxeFinding[] };

type AxeWindow = { axe?: typeof axe };

export async function runAxe(page: Page): Promise<AxeReport> {
  if (!(await page.evaluate(() => typeof (window as AxeWindow).axe?.run === 'function'))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const engine = (window as AxeWindow).axe;
    if (!engine) throw new Error('axe-core did not load');
    const r = await engine.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    const simplify = (list: typeof r.violations) =>
      list.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
      }));
    return { violations: simplify(r.violations), incomplete: simplify(r.incomplete) };
  }, AXE_TAGS);
}

/** Findings for people: rule id, impact, help and every node. */
export function formatFindings(findings: readonly (AxeFinding & { width?: number })[]): string {
  return findings
    .map((f) =>
      [
        `${f.id} (${f.impact})${f.width ? ` at ${f.width} px` : ''}: ${f.help} — ${f.helpUrl}`,
        ...f.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary}`),
      ].join('\n'),
    )
    .join('\n');
}
