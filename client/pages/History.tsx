/** The application's history: its events in order (seq, type, when, from → to). Loaded lazily. */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading, PageProblem } from '../components/Status.tsx';
import { api, ApiProblem } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { eventLabel } from '../lib/labels.ts';
import type { HistoryEntry } from '../lib/types.ts';
import { useTitle } from '../lib/use-title.ts';

export default function HistoryPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useTitle(t('history.title'));

  const load = useCallback(() => {
    setProblem(null);
    api<HistoryEntry[]>(`/api/applications/${encodeURIComponent(id)}/history`).then(
      (list) => setEntries([...list].sort((a, b) => a.seq - b.seq)),
      (err: unknown) => {
        if (!(err instanceof ApiProblem)) throw err;
        setProblem(err);
      },
    );
  }, [id]);
  useEffect(load, [load]);

  return (
    <>
      <h1>{t('history.title')}</h1>
      <p>
        <Link to={`/applications/${encodeURIComponent(id)}`}>{t('history.back')}</Link>
      </p>
      {problem ? (
        <PageProblem problem={problem} onRetry={load} />
      ) : !entries ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={e.seq} className="timeline__item">
              <p className="timeline__head">
                <span className="timeline__seq">{e.seq}</span>
                <strong>{eventLabel(i18n, e.type)}</strong>
              </p>
              <p className="timeline__meta">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {e.actorRole ? ` · ${t('history.by', { role: e.actorRole })}` : ''}
              </p>
              <p className="timeline__states">
                <code>{e.from ?? '–'}</code> <span aria-hidden="true">→</span>
                <span className="visually-hidden">,</span> <code>{e.to ?? '–'}</code>
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
