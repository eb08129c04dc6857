/**
 * `/officer`: the work queue, for any flow. The applications in which the logged-in staff member
 * may send an event now (`GET /api/applications?awaiting=me`: by role, group and office), the most
 * recent wait first, as a table: the flow and a reference (a link to the work page), the stage
 * and the status in words, and since when it waits. A flow filter (kept in the address) and "load
 * more" pages through it.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import { devInfo, serverNow } from '../../lib/server-clock.ts';
import type { Flow } from '../../lib/types.ts';
import { useTitle } from '../../lib/use-title.ts';
import { StatusBadge, workPath } from './parts.tsx';
import { appendPage, flowChoices, itemRef, queueUrl, waitedFor, waitedText } from './queue.ts';
import { useOfficerText } from './texts.ts';
import type { ListPage, WorkItem } from './work-items.ts';

type Loaded = { flow: string | null; items: WorkItem[]; nextCursor: string | null };

export function WorkQueuePage() {
  const o = useOfficerText();
  const { tx, lang, formatDateTime } = useI18n();
  useTitle(o('queue.title'));
  const [params, setParams] = useSearchParams();
  const flow = params.get('flow') || null;
  const [flows, setFlows] = useState<Flow[]>([]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [moreProblem, setMoreProblem] = useState<ApiProblem | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [now, setNow] = useState(() => serverNow());
  const captionId = useId();

  useEffect(() => {
    const controller = new AbortController();
    api<Flow[]>('/api/flows', { signal: controller.signal }).then(setFlows, () => undefined); // the filter still offers the flows in the queue
    // "Waiting since" counts on the server's clock (a manual one outside production).
    void devInfo(true).then(() => setNow(serverNow()));
    return () => controller.abort();
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setProblem(null);
      setMoreProblem(null);
      try {
        const page = await api<ListPage>(queueUrl(flow), signal ? { signal } : {});
        setLoaded({ flow, items: page.items, nextCursor: page.nextCursor });
        setNow(serverNow());
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (!(err instanceof ApiProblem)) throw err;
        setProblem(err);
      }
    },
    [flow],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const loadMore = async () => {
    if (!loaded?.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreProblem(null);
    try {
      const page = await api<ListPage>(queueUrl(loaded.flow, loaded.nextCursor));
      setLoaded((l) => (l && l.flow === loaded.flow ? { ...l, items: appendPage(l.items, page.items), nextCursor: page.nextCursor } : l));
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setMoreProblem(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const picked = String(new FormData(e.currentTarget).get('flow') ?? '');
    setParams(picked ? { flow: picked } : {});
  };

  const current = loaded && loaded.flow === flow ? loaded : null;
  const choices = flowChoices(flows, current?.items ?? [], flow);

  return (
    <>
      <h1>{o('queue.title')}</h1>
      <p>{o('queue.intro')}</p>
      <form className="queue-filter" onSubmit={onFilter} aria-label={o('queue.filter')} key={flow ?? ''}>
        <div className="field">
          <label className="field__label" htmlFor="queue-flow">
            {o('queue.flow')}
          </label>
          <select id="queue-flow" name="flow" defaultValue={flow ?? ''}>
            <option value="">{o('queue.allFlows')}</option>
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {(c.title ? tx(c.title) : '') || c.key}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {o('queue.show')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void load()}>
            {o('queue.refresh')}
          </button>
        </div>
      </form>

      {problem && <PageProblem problem={problem} onRetry={() => void load()} />}
      {!current && !problem && <Loading />}
      {current && (
        <>
          <p role="status">{current.items.length === 0 ? o('queue.empty') : o(current.nextCursor ? 'queue.countMore' : 'queue.count', { n: current.items.length })}</p>
          {current.items.length > 0 && (
            <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="work-table">
                <caption id={captionId} className="visually-hidden">
                  {o('queue.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{o('col.application')}</th>
                    <th scope="col">{o('col.stage')}</th>
                    <th scope="col">{o('col.waiting')}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.items.map((item) => {
                    const waited = item.waitingSince ? waitedFor(item.waitingSince, now) : null;
                    return (
                      <tr key={item.id} data-id={item.id}>
                        <th scope="row">
                          <Link to={workPath(item.id)}>
                            {(item.title ? tx(item.title) : '') || item.flow} <span className="work-table__ref">{itemRef(item)}</span>
                          </Link>
                        </th>
                        <td>
                          <span className="work-table__stage">{(item.label ? tx(item.label) : '') || <code>{item.state}</code>}</span>
                          <StatusBadge status={item.status} label={item.statusLabel} />
                        </td>
                        <td>
                          {item.waitingSince ? (
                            <time dateTime={item.waitingSince}>
                              {/* On a phone the time ago alone (the column stays narrow); the date and time beside it on wider screens. */}
                              {waited && <span className="work-table__waited">{waitedText(waited, lang)}</span>}
                              <span className={waited ? 'work-table__at' : undefined}>{formatDateTime(item.waitingSince)}</span>
                            </time>
                          ) : (
                            '–'
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {moreProblem && <PageProblem problem={moreProblem} onRetry={() => void loadMore()} />}
          {current.nextCursor && (
            <p>
              <button type="button" className="button button--secondary" aria-busy={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? o('queue.loadingMore') : o('queue.more')}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}
