/**
 * `/audit/flows` and `/audit/flows/:key?version=`: per flow version, where the applications sit
 * (the statechart as a heatmap, and the same figures as a table), "verify this flow" and the
 * event log as a CSV download.
 */
import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { useTitle } from '../../lib/use-title.ts';
import { formatDuration } from '../statechart/duration.ts';
import { buildGraph, nodeLabel } from '../statechart/graph.ts';
import { heatOf, type FlowStates } from './figures.ts';
import { auditTexts, type AuditKey } from './texts.ts';
import type { FlowItem, VersionDetail, VersionSummary } from './types.ts';
import { useApi } from './use-api.ts';
import { VerifyButton } from './Verify.tsx';

const StatechartView = lazy(() => import('../statechart/StatechartView.tsx'));

/** The CSV export's address for a flow and an optional date range. Pure. */
export function exportHref(flow: string, from: string, to: string): string {
  const q = new URLSearchParams({ flow });
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return `/api/audit/events.csv?${q.toString()}`;
}

function FlowPicker({ flows, current }: { flows: FlowItem[]; current?: string }) {
  const { tx } = useI18n();
  const a = auditTexts.useText();
  return (
    <nav aria-label={a('flows.pick')}>
      <ul className="audit-flow-list">
        {flows.map((f) => (
          <li key={f.key}>
            <Link to={`/audit/flows/${encodeURIComponent(f.key)}`} {...(f.key === current ? { 'aria-current': 'page' as const } : {})}>
              {tx(f.title)} <code>{f.key}</code>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function FlowHeatmap() {
  const { key } = useParams();
  const a = auditTexts.useText();
  const { tx, lang, formatDateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const flows = useApi<FlowItem[]>('/api/flows');
  const flowKey = key ?? null;
  const versions = useApi<VersionSummary[]>(flowKey ? `/api/flows/${encodeURIComponent(flowKey)}/versions` : null);
  const latestPublished = versions.data?.filter((v) => v.status === 'published').at(-1)?.version ?? versions.data?.at(-1)?.version ?? null;
  const version = Number(params.get('version')) || latestPublished;
  const detail = useApi<VersionDetail>(flowKey && version ? `/api/flows/${encodeURIComponent(flowKey)}/versions/${version}` : null);
  const stats = useApi<FlowStates>(flowKey && version ? `/api/audit/flows/${encodeURIComponent(flowKey)}/states?version=${version}` : null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const flow = flows.data?.find((f) => f.key === flowKey);
  const flowTitle = flow ? tx(flow.title) : (flowKey ?? '');
  useTitle(flowKey ? `${a('flows.title')}: ${flowTitle}` : a('flows.title'));

  const heat = useMemo(() => (stats.data ? heatOf(stats.data) : undefined), [stats.data]);
  const rows = useMemo(() => {
    if (!stats.data) return [];
    const graph = detail.data ? buildGraph(detail.data.definition.machine) : null;
    const byState = new Map(stats.data.states.map((s) => [s.state, s]));
    const known = graph ? graph.nodes.filter((n) => !n.compound).map((n) => ({ state: n.id, label: nodeLabel(n, lang) })) : [];
    const extra = stats.data.states.filter((s) => !known.some((k) => k.state === s.state)).map((s) => ({ state: s.state, label: s.state }));
    return [...known, ...extra].map((r) => ({ ...r, stat: byState.get(r.state) ?? null }));
  }, [stats.data, detail.data, lang]);

  const onVersion = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = String(new FormData(e.currentTarget).get('version') ?? '');
    setParams(v ? { version: v } : {});
  };

  const problem = flows.problem ?? versions.problem ?? stats.problem ?? detail.problem;
  return (
    <>
      <h1>{flowKey ? `${a('flows.title')}: ${flowTitle}` : a('flows.title')}</h1>
      {flows.data ? <FlowPicker flows={flows.data} {...(flowKey ? { current: flowKey } : {})} /> : !flows.problem && <Loading />}
      {problem && <PageProblem problem={problem} />}
      {flowKey && versions.data && (
        <form className="audit-filters audit-filters--inline" onSubmit={onVersion} key={String(version)}>
          <div className="audit-field">
            <label htmlFor="audit-heat-version">{a('flows.version')}</label>
            <select id="audit-heat-version" name="version" defaultValue={String(version ?? '')}>
              {versions.data.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version} ({auditTexts.has(`flows.status.${v.status}`) ? a(`flows.status.${v.status}` as AuditKey) : v.status})
                </option>
              ))}
            </select>
          </div>
          <div className="audit-actions">
            <button type="submit" className="button button--secondary">
              {a('flows.show')}
            </button>
          </div>
        </form>
      )}
      {flowKey && version && !problem && (!stats.data || !detail.data) && <Loading />}
      {flowKey && version && stats.data && detail.data && (
        <>
          <p data-applications={stats.data.applications}>{a('flows.at', { at: formatDateTime(stats.data.at), n: stats.data.applications })}</p>
          <Suspense fallback={<Loading />}>
            <StatechartView
              machine={detail.data.definition.machine}
              lang={lang}
              title={a('flows.diagramTitle', { flow: flowTitle, version })}
              {...(heat ? { heat } : {})}
              height={520}
            />
          </Suspense>

          <h2 id="audit-heat-table">{a('flows.table')}</h2>
          <div className="audit-table-wrap" tabIndex={0} role="region" aria-labelledby="audit-heat-table">
            <table className="audit-table" data-testid="heat-table">
              <thead>
                <tr>
                  <th scope="col">{a('flows.state')}</th>
                  <th scope="col">{a('flows.count')}</th>
                  <th scope="col">{a('flows.age')}</th>
                  <th scope="col">{a('flows.visits')}</th>
                  <th scope="col">{a('flows.stay')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.state} data-state={r.state}>
                    <th scope="row">
                      {r.label} <code>{r.state}</code>
                    </th>
                    <td className="audit-num" data-count={r.stat?.count ?? 0}>
                      {r.stat?.count ?? 0}
                    </td>
                    <td>{formatDuration(r.stat?.medianAgeSeconds ?? null, lang)}</td>
                    <td className="audit-num">{r.stat?.visits ?? 0}</td>
                    <td>{formatDuration(r.stat?.medianStaySeconds ?? null, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>{a('flows.tools')}</h2>
          <VerifyButton body={{ flow: flowKey }} label={a('flows.verify')} />
          <fieldset className="audit-export">
            <legend>{a('flows.exportHint')}</legend>
            <div className="audit-filters audit-filters--inline">
              <div className="audit-field">
                <label htmlFor="audit-export-from">{a('flows.from')}</label>
                <input id="audit-export-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </div>
              <div className="audit-field">
                <label htmlFor="audit-export-to">{a('flows.to')}</label>
                <input id="audit-export-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              </div>
            </div>
            <p>
              <a className="button button--secondary" href={exportHref(flowKey, from, to)} download data-testid="export-csv">
                {a('flows.export')}
              </a>
            </p>
          </fieldset>
        </>
      )}
    </>
  );
}
