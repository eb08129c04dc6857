/**
 * `/audit/applications/:id`: one application for an auditor — the summary, the statechart of its
 * flow version with the current state and the path taken (visits per state), the timeline of
 * events (who, in what role, when, from → to, the data of each), the documents and "verify".
 */
import { Fragment, lazy, Suspense, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { statusLabel } from '../../lib/labels.ts';
import type { ApplicationView } from '../../lib/types.ts';
import { useTitle } from '../../lib/use-title.ts';
import { visitsOf, type HistoryItem } from './figures.ts';
import { auditTexts } from './texts.ts';
import type { DocumentItem, Office, VersionDetail } from './types.ts';
import { useApi } from './use-api.ts';
import { VerifyButton } from './Verify.tsx';

const StatechartView = lazy(() => import('../statechart/StatechartView.tsx'));

/** Bytes for people. Pure. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function DataList({ value, empty }: { value: unknown; empty: string }) {
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return <span className="audit-muted">{empty}</span>;
  if (typeof value !== 'object' || Array.isArray(value)) return <code className="audit-json">{JSON.stringify(value)}</code>;
  return (
    <dl className="audit-dl">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>
            <code className="audit-json">{typeof v === 'string' ? v : JSON.stringify(v)}</code>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function ApplicationAudit() {
  const { id = '' } = useParams();
  const a = auditTexts.useText();
  const i18n = useI18n();
  const { tx, lang, formatDateTime } = i18n;
  const base = `/api/applications/${encodeURIComponent(id)}`;
  const view = useApi<ApplicationView & { officeCode?: string | null }>(base);
  const history = useApi<HistoryItem[]>(`${base}/history`);
  const documents = useApi<DocumentItem[]>(`${base}/documents`);
  const offices = useApi<Office[]>('/api/offices');
  const v = view.data;
  const definition = useApi<VersionDetail>(v ? `/api/flows/${encodeURIComponent(v.flow)}/versions/${v.flowVersion}` : null);
  const title = a('app.title', { id: id.slice(0, 8) });
  useTitle(title);
  const visits = useMemo(() => (history.data ? visitsOf(history.data) : undefined), [history.data]);
  const current = useMemo(() => (v ? [v.state] : []), [v]);

  const problem = view.problem ?? history.problem;
  if (problem || !v || !history.data) {
    return (
      <>
        <h1>{title}</h1>
        <p>
          <Link to="/audit">{a('app.back')}</Link>
        </p>
        {problem ? <PageProblem problem={problem} onRetry={() => (view.reload(), history.reload())} /> : <Loading />}
      </>
    );
  }
  const office = v.officeCode ? (offices.data?.find((o) => o.code === v.officeCode)?.name ?? v.officeCode) : '—';
  const flowTitle = definition.data?.definition.title ? tx(definition.data.definition.title) : v.flow;

  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link to="/audit">{a('app.back')}</Link>
      </p>
      <section aria-labelledby="audit-summary">
        <h2 id="audit-summary">{a('app.summary')}</h2>
        <dl className="audit-summary">
          <dt>{a('app.flow')}</dt>
          <dd>
            {flowTitle} (<code>{v.flow}</code>)
          </dd>
          <dt>{a('app.version')}</dt>
          <dd>
            <Link to={`/audit/flows/${encodeURIComponent(v.flow)}?version=${v.flowVersion}`}>{v.flowVersion}</Link>
          </dd>
          <dt>{a('app.state')}</dt>
          <dd data-state={v.state}>
            {v.label ? tx(v.label) : v.state} (<code>{v.state}</code>)
          </dd>
          <dt>{a('app.status')}</dt>
          <dd data-status={v.status}>
            {statusLabel(i18n, v.status, v.statusLabel)} (<code>{v.status}</code>)
          </dd>
          <dt>{a('app.office')}</dt>
          <dd>{office}</dd>
          {v.createdAt && (
            <>
              <dt>{a('app.created')}</dt>
              <dd>{formatDateTime(v.createdAt)}</dd>
            </>
          )}
        </dl>
        <VerifyButton body={{ applicationId: v.id }} label={a('app.verify')} />
        <p className="audit-muted">{a('app.verifyHint')}</p>
      </section>

      <section aria-labelledby="audit-diagram">
        <h2 id="audit-diagram">{a('app.diagram')}</h2>
        {definition.problem ? (
          <PageProblem problem={definition.problem} onRetry={definition.reload} />
        ) : !definition.data ? (
          <Loading />
        ) : (
          <Suspense fallback={<Loading />}>
            <StatechartView
              machine={definition.data.definition.machine}
              lang={lang}
              title={a('app.diagramTitle', { flow: flowTitle, version: v.flowVersion })}
              current={current}
              {...(visits ? { visits } : {})}
              height={460}
            />
          </Suspense>
        )}
      </section>

      <section aria-labelledby="audit-timeline">
        <h2 id="audit-timeline">{a('app.timeline')}</h2>
        <ol className="audit-timeline">
          {history.data.map((e) => (
            <li key={e.seq} data-seq={e.seq} data-type={e.type} data-to={e.to}>
              <h3 className="audit-timeline__head">
                <span className="audit-timeline__seq">{e.seq}.</span> <code>{e.type}</code>
              </h3>
              <dl className="audit-timeline__facts">
                <dt>{a('tl.at')}</dt>
                <dd>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </dd>
                <dt>{a('tl.actor')}</dt>
                <dd>
                  <code>{e.actor}</code> ({e.actorRole ?? '—'})
                </dd>
                <dt>{a('tl.move')}</dt>
                <dd>
                  <code>{e.from ?? '—'}</code> → <code>{e.to}</code>
                </dd>
                <dt>{a('tl.data')}</dt>
                <dd>
                  <DataList value={e.data} empty={a('app.noData')} />
                </dd>
                {e.facts !== undefined && (
                  <>
                    <dt>{a('tl.facts')}</dt>
                    <dd>
                      <DataList value={e.facts} empty={a('app.noData')} />
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="audit-documents">
        <h2 id="audit-documents">{a('app.documents')}</h2>
        {documents.problem ? (
          <PageProblem problem={documents.problem} onRetry={documents.reload} />
        ) : !documents.data ? (
          <Loading />
        ) : documents.data.length === 0 ? (
          <p>{a('app.noDocuments')}</p>
        ) : (
          <div className="audit-table-wrap" tabIndex={0} role="region" aria-label={a('app.documents')}>
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{a('doc.kind')}</th>
                  <th scope="col">{a('doc.file')}</th>
                  <th scope="col">{a('doc.size')}</th>
                  <th scope="col">{a('doc.at')}</th>
                  <th scope="col">{a('doc.sha')}</th>
                </tr>
              </thead>
              <tbody>
                {documents.data.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.kind}</th>
                    <td>
                      <a href={`/api/documents/${encodeURIComponent(d.id)}`} download>
                        {a('app.download', { kind: d.kind })}
                      </a>{' '}
                      <span className="audit-muted">({d.mime})</span>
                    </td>
                    <td>{formatBytes(d.size)}</td>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>
                      <code className="audit-hash">{d.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
