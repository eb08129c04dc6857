/**
 * `/policy`: every flow (drafts-only and unlisted ones too, from `GET /api/flows?all=1`) with its
 * versions (status, checksum, published at/by), "new draft from version N", and "New flow"
 * (NewFlowForm: blank or a copy, then the new draft opens in the editor).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageProblem, Loading } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useTitle } from '../../lib/use-title.ts';
import { editorPath, type FlowEntry, type VersionDetail } from './model.ts';
import { NewFlowForm } from './NewFlowForm.tsx';
import { texts } from './texts.ts';

export function FlowList() {
  const t = texts.useText();
  const { tx, lang } = useI18n();
  const navigate = useNavigate();
  const [rows, setRows] = useState<FlowEntry[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const [newFlow, setNewFlow] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  useTitle(t('list.title'));

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const flows = await api<FlowEntry[]>('/api/flows?all=1');
      setRows(flows.map((flow) => ({ ...flow, versions: (Array.isArray(flow.versions) ? [...flow.versions] : []).sort((a, b) => a.version - b.version) })));
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
      {rows && !newFlow && (
        <div className="policy-list-actions">
          <button type="button" className="button" ref={newButton} onClick={() => setNewFlow(true)}>
            {t('list.new')}
          </button>
        </div>
      )}
      {rows && newFlow && (
        <NewFlowForm
          flows={rows}
          onCreated={(created) => navigate(editorPath(created.key, created.version))}
          onCancel={() => {
            setNewFlow(false);
            setTimeout(() => newButton.current?.focus(), 0);
          }}
        />
      )}
      {problem && <PageProblem problem={problem} onRetry={() => void load()} />}
      {!rows && !problem && <Loading />}
      {rows?.length === 0 && <p>{t('list.none')}</p>}
      {rows?.map(({ versions, ...flow }) => (
        <section key={flow.key} className="panel policy-flow" aria-labelledby={`flow-${flow.key}`}>
          <h2 id={`flow-${flow.key}`}>
            {tx(flow.title)} <code className="policy-key">{flow.key}</code>
            {flow.listed === false && <span className="policy-badge policy-badge--hidden">{t('list.hidden')}</span>}
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
                      <Link to={editorPath(flow.key, v.version)}>{v.status === 'draft' ? t('list.edit', { version: v.version }) : t('list.open', { version: v.version })}</Link>
                      {v.status !== 'draft' && (
                        <button
                          type="button"
                          className="button button--secondary policy-small"
                          aria-busy={creating === `${flow.key}@${v.version}`}
                          disabled={creating !== null}
                          onClick={() => void newDraft(flow.key, v.version)}
                        >
                          {creating === `${flow.key}@${v.version}` ? t('list.creating') : t('list.newDraft', { version: v.version })}
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
