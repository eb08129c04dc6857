/** `/policy`: every published flow with its versions (status, checksum, published at/by) and "new draft from version N". */
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageProblem, Loading } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { Flow } from '../../lib/types.ts';
import { useTitle } from '../../lib/use-title.ts';
import { editorPath, type VersionDetail, type VersionSummary } from './model.ts';
import { texts } from './texts.ts';

type Row = { flow: Flow; versions: VersionSummary[] };

export function FlowList() {
  const t = texts.useText();
  const { tx, lang } = useI18n();
  const navigate = useNavigate();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  useTitle(t('list.title'));

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const flows = await api<Flow[]>('/api/flows');
      setRows(await Promise.all(flows.map(async (flow) => ({ flow, versions: await api<VersionSummary[]>(`/api/flows/${encodeURIComponent(flow.key)}/versions`) }))));
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const newDraft = async (key: string, from: number) => {
    setCreating(`${key}@${from}`);
    setProblem(null);
    try {
      const draft = await api<VersionDetail>(`/api/flows/${encodeURIComponent(key)}/drafts`, { method: 'POST', body: { from } });
      navigate(editorPath(draft.key, draft.version));
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setCreating(null);
    }
  };

  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—');

  return (
    <div className="policy policy-wide">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      {problem && <PageProblem problem={problem} onRetry={() => void load()} />}
      {!rows && !problem && <Loading />}
      {rows?.length === 0 && <p>{t('list.none')}</p>}
      {rows?.map(({ flow, versions }) => (
        <section key={flow.key} className="panel policy-flow" aria-labelledby={`flow-${flow.key}`}>
          <h2 id={`flow-${flow.key}`}>
            {tx(flow.title)} <code className="policy-key">{flow.key}</code>
          </h2>
          <div className="policy-table-wrap" role="group" tabIndex={0} aria-labelledby={`flow-${flow.key}`}>
            <table className="policy-table">
              <caption className="visually-hidden">{t('list.versions', { flow: tx(flow.title) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.version')}</th>
                  <th scope="col">{t('list.status')}</th>
                  <th scope="col">{t('list.checksum')}</th>
                  <th scope="col">{t('list.published')}</th>
                  <th scope="col">{t('list.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...versions].reverse().map((v) => (
                  <tr key={v.version}>
                    <th scope="row">
                      <span className="policy-cell-label">{t('list.version')} </span>
                      {v.version}
                    </th>
                    <td data-label={t('list.status')}>
                      <span className={`policy-badge policy-badge--${v.status}`}>{t(`status.${v.status}`)}</span>
                    </td>
                    <td data-label={t('list.checksum')}>
                      <code title={v.checksum}>{v.checksum.slice(0, 12)}</code>
                    </td>
                    <td data-label={t('list.published')}>
                      {when(v.publishedAt)}
                      {v.publishedBy && <span className="policy-muted"> {t('list.publishedBy', { who: v.publishedBy.slice(0, 8) })}</span>}
                    </td>
                    <td className="policy-row-actions">
                      <Link to={editorPath(v.key, v.version)}>{v.status === 'draft' ? t('list.edit', { version: v.version }) : t('list.open', { version: v.version })}</Link>
                      {v.status !== 'draft' && (
                        <button
                          type="button"
                          className="button button--secondary policy-small"
                          aria-busy={creating === `${v.key}@${v.version}`}
                          disabled={creating !== null}
                          onClick={() => void newDraft(v.key, v.version)}
                        >
                          {creating === `${v.key}@${v.version}` ? t('list.creating') : t('list.newDraft', { version: v.version })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
