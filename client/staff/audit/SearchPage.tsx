/**
 * `/audit`: the auditor's application search; the filters live in the URL query. The statuses to
 * search by are those the published flows' definitions name, in their words.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useTitle } from '../../lib/use-title.ts';
import { auditTexts } from './texts.ts';
import { statusChoices } from './statuses.ts';
import type { ApplicationItem, ApplicationPage, FlowItem, Office, VersionDetail } from './types.ts';
import { useApi } from './use-api.ts';

const FILTERS = ['flow', 'version', 'status', 'office', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** The list query for the current filters (empty ones left out). Pure. */
export function searchQuery(params: URLSearchParams, cursor?: string | null): string {
  const q = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) q.set(f, v);
  }
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return `/api/applications${s ? `?${s}` : ''}`;
}

/** The published flows' definitions (for their statuses), loaded together; the ones that fail are left out. */
function useDefinitions(flows: FlowItem[] | null): VersionDetail['definition'][] {
  const [definitions, setDefinitions] = useState<VersionDetail['definition'][]>([]);
  const refs = (flows ?? []).map((f) => `${f.key}@${f.version}`).join(' ');
  useEffect(() => {
    if (!flows?.length) return;
    const controller = new AbortController();
    void Promise.all(
      flows.map((f) =>
        api<VersionDetail>(`/api/flows/${encodeURIComponent(f.key)}/versions/${f.version}`, { signal: controller.signal }).then(
          (v) => v.definition,
          () => null,
        ),
      ),
    ).then((all) => {
      if (!controller.signal.aborted) setDefinitions(all.filter((d): d is VersionDetail['definition'] => d !== null));
    });
    return () => controller.abort();
    // NOTE: keyed by the flows' keys and versions, not by the array (a new one on every load).
  }, [refs]);
  return definitions;
}

export function SearchPage() {
  const a = auditTexts.useText();
  const { tx, formatDate, formatDateTime } = useI18n();
  useTitle(a('search.title'));
  const [params, setParams] = useSearchParams();
  const flows = useApi<FlowItem[]>('/api/flows');
  const offices = useApi<Office[]>('/api/offices');
  const definitions = useDefinitions(flows.data);
  const statuses = useMemo(() => statusChoices(definitions, params.get('status')), [definitions, params]);
  const query = searchQuery(params);
  const first = useApi<ApplicationPage>(query);
  const [more, setMore] = useState<{ query: string; items: ApplicationItem[]; nextCursor: string | null } | null>(null);
  const [moreProblem, setMoreProblem] = useState<ApiProblem | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setMore(null);
    setMoreProblem(null);
  }, [query]);

  const items = [...(first.data?.items ?? []), ...(more?.query === query ? more.items : [])];
  const nextCursor = more?.query === query ? more.nextCursor : (first.data?.nextCursor ?? null);

  const loadMore = () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    api<ApplicationPage>(searchQuery(params, nextCursor)).then(
      (page) => {
        setMore((m) => ({ query, items: [...(m?.query === query ? m.items : []), ...page.items], nextCursor: page.nextCursor }));
        setLoadingMore(false);
      },
      (err: unknown) => {
        setLoadingMore(false);
        if (err instanceof ApiProblem) setMoreProblem(err);
        else throw err;
      },
    );
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = String(form.get(f) ?? '').trim();
      if (v) next.set(f, v);
    }
    setParams(next);
  };

  const value = (f: Filter) => params.get(f) ?? '';
  const officeName = (code: string | null) => (code ? (offices.data?.find((o) => o.code === code)?.name ?? code) : '—');

  return (
    <>
      <h1>{a('search.title')}</h1>
      <form className="audit-filters" onSubmit={onSubmit} key={params.toString()} aria-label={a('search.filters')}>
        <div className="audit-field">
          <label htmlFor="audit-flow">{a('search.flow')}</label>
          <select id="audit-flow" name="flow" defaultValue={value('flow')}>
            <option value="">{a('search.any')}</option>
            {(flows.data ?? []).map((f) => (
              <option key={f.key} value={f.key}>
                {tx(f.title)} ({f.key})
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-version">{a('search.version')}</label>
          <input id="audit-version" name="version" type="number" min={1} step={1} inputMode="numeric" defaultValue={value('version')} />
        </div>
        <div className="audit-field">
          <label htmlFor="audit-status">{a('search.status')}</label>
          <select id="audit-status" name="status" defaultValue={value('status')}>
            <option value="">{a('search.any')}</option>
            {statuses.map((s) => (
              <option key={s.status} value={s.status}>
                {(s.label ? tx(s.label) : '') || s.status}
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-office">{a('search.office')}</label>
          <select id="audit-office" name="office" defaultValue={value('office')}>
            <option value="">{a('search.any')}</option>
            {(offices.data ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-from">{a('search.from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={value('from')} />
        </div>
        <div className="audit-field">
          <label htmlFor="audit-to">{a('search.to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={value('to')} />
        </div>
        <div className="audit-actions">
          <button type="submit" className="button">
            {a('search.submit')}
          </button>
          <Link to="/audit" className="button button--secondary">
            {a('search.reset')}
          </Link>
        </div>
      </form>

      <h2>{a('search.results')}</h2>
      {first.problem ? (
        <PageProblem problem={first.problem} onRetry={first.reload} />
      ) : !first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{a('search.none')}</p>
      ) : (
        <>
          <p role="status">{a('search.count', { n: items.length })}</p>
          <div className="audit-table-wrap" tabIndex={0} role="region" aria-label={a('search.results')}>
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{a('col.id')}</th>
                  <th scope="col">{a('col.flow')}</th>
                  <th scope="col">{a('col.state')}</th>
                  <th scope="col">{a('col.office')}</th>
                  <th scope="col">{a('col.scheduled')}</th>
                  <th scope="col">{a('col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} data-id={item.id}>
                    <th scope="row">
                      <Link to={`/audit/applications/${encodeURIComponent(item.id)}`}>
                        <code className="audit-id">{item.id.slice(0, 8)}</code>
                        <span className="visually-hidden"> {item.id}</span>
                      </Link>
                    </th>
                    <td>
                      {item.flow}@{item.flowVersion}
                    </td>
                    <td>
                      {item.label ? tx(item.label) : <code>{item.state}</code>}
                      <br />
                      <span className="audit-muted">{(item.statusLabel ? tx(item.statusLabel) : '') || item.status}</span>
                    </td>
                    <td>{officeName(item.officeCode)}</td>
                    <td>{item.scheduledDate ? formatDate(item.scheduledDate) : '—'}</td>
                    <td>{formatDateTime(item.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {moreProblem && <PageProblem problem={moreProblem} />}
          {nextCursor && (
            <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore}>
              {a('search.more')}
            </button>
          )}
        </>
      )}
    </>
  );
}
