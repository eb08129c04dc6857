/** My applications: GET /api/applications, newest first, each with its status in the flow's words, with "load more" for further pages. */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { statusLabel } from '../lib/labels.ts';
import type { ApplicationList, ApplicationSummary } from '../lib/types.ts';
import { useTitle } from '../lib/use-title.ts';

export function MyApplications() {
  const i18n = useI18n();
  const { t, tx, formatDateTime } = i18n;
  const [items, setItems] = useState<ApplicationSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useTitle(t('apps.title'));

  const load = useCallback((after: string | null) => {
    setProblem(null);
    setLoadingMore(after !== null);
    api<ApplicationList>(`/api/applications${after ? `?cursor=${encodeURIComponent(after)}` : ''}`)
      .then(
        (page) => {
          setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
          setCursor(page.nextCursor);
        },
        (err: unknown) => {
          if (!(err instanceof ApiProblem)) throw err;
          setProblem(err);
        },
      )
      .finally(() => setLoadingMore(false));
  }, []);
  useEffect(() => load(null), [load]);

  return (
    <>
      <h1>{t('apps.title')}</h1>
      {items === null && !problem && <Loading />}
      {items && items.length === 0 && (
        <div className="notice">
          <p>{t('apps.empty')}</p>
          <p>
            <Link className="button" to="/">
              {t('apps.startNew')}
            </Link>
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <ul className="cards">
          {items.map((a) => (
            <li key={a.id} className="card">
              <h2 className="card__title">
                <Link to={`/applications/${encodeURIComponent(a.id)}`}>{tx(a.title) || t('apps.untitled')}</Link>
              </h2>
              {a.label && <p className="card__label">{tx(a.label)}</p>}
              <p className="card__meta">
                <span className={`badge badge--${a.status}`}>{statusLabel(i18n, a.status, a.statusLabel)}</span>{' '}
                <span>{t('apps.updated', { date: formatDateTime(a.updatedAt) })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {problem && <PageProblem problem={problem} onRetry={() => load(items ? cursor : null)} />}
      {cursor && !problem && (
        <button type="button" className="button button--secondary" aria-busy={loadingMore} onClick={() => !loadingMore && load(cursor)}>
          {loadingMore ? t('common.loading') : t('apps.more')}
        </button>
      )}
    </>
  );
}
