/**
 * `/policy/flows/:key/versions/:version`: one version of a flow. A draft is edited as JSON
 * (CodeMirror, schema-aware), with the statechart drawn from the text as it is typed, the policy
 * numbers as a form, the forms with a live preview, a simulator, and the difference from the
 * published version; Save (PUT), Validate and Publish talk to the server, whose findings are
 * listed and linked to their place (and shown in the editor as lint). Published and retired
 * versions are shown read-only.
 */
import type { Diagnostic } from '@codemirror/lint';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading, PageProblem } from '../../components/Status.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useTitle } from '../../lib/use-title.ts';
import type { Finding, FlowBundle, FormDefinition } from '../../../machines/types.ts';
import { DiffView } from './DiffView.tsx';
import { FindingsList } from './FindingsList.tsx';
import { FormsPanel } from './FormsPanel.tsx';
import { JsonEditor, type JsonEditorHandle } from './JsonEditor.tsx';
import { locate, parsePath } from './json-path.ts';
import { parseJson, pretty, versionPath, type SaveAnswer, type VersionDetail, type VersionSummary } from './model.ts';
import { PolicyNumbers } from './PolicyNumbers.tsx';
import { editorSchema } from './schema.ts';
import { Simulator } from './Simulator.tsx';
import { StatechartPanel } from './StatechartPanel.tsx';
import { Tabs } from './Tabs.tsx';
import { texts } from './texts.ts';

type TabId = 'definition' | 'policy' | 'forms' | 'simulator' | 'diff';
type Notice = { kind: 'ok' | 'problem'; text: string } | null;

export default function Editor() {
  const t = texts.useText();
  const { tx } = useI18n();
  const params = useParams();
  const key = params.key ?? '';
  const version = Number(params.version);

  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [published, setPublished] = useState<VersionDetail | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [defText, setDefText] = useState('');
  const [formTexts, setFormTexts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ def: string; forms: Record<string, string> }>({ def: '', forms: {} });
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<'save' | 'validate' | 'publish' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [tab, setTab] = useState<TabId>('definition');
  const [formId, setFormId] = useState<string>('');
  const defEditor = useRef<JsonEditorHandle>(null);
  const formEditor = useRef<JsonEditorHandle>(null);
  const attempt = useRef(0);

  const title = detail ? t('ed.title', { flow: tx(detail.definition.title), version }) : key;
  useTitle(title);

  const show = (detailNow: VersionDetail) => {
    setDetail(detailNow);
    const def = pretty(detailNow.definition);
    const forms = Object.fromEntries(Object.entries(detailNow.forms).map(([id, f]) => [id, pretty(f)]));
    setDefText(def);
    setFormTexts(forms);
    setSaved({ def, forms });
    setFormId((current) => (current && Object.hasOwn(forms, current) ? current : (Object.keys(forms).sort()[0] ?? '')));
  };

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const [d, versions] = await Promise.all([api<VersionDetail>(versionPath(key, version)), api<VersionSummary[]>(`/api/flows/${encodeURIComponent(key)}/versions`)]);
      show(d);
      const latest = versions.filter((v) => v.status === 'published').at(-1);
      setPublished(latest && latest.version !== version ? await api<VersionDetail>(versionPath(key, latest.version)) : latest ? d : null);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    }
  }, [key, version]);
  useEffect(() => {
    void load();
  }, [load]);

  const editable = detail?.status === 'draft';
  const dirty = defText !== saved.def || Object.entries(formTexts).some(([id, text]) => saved.forms[id] !== text);

  /** The bundle the texts describe, or the first text that is not JSON. */
  const bundle = useMemo((): { ok: true; bundle: FlowBundle } | { ok: false; message: string } => {
    const def = parseJson(defText);
    if (!def.ok) return { ok: false, message: def.message };
    const forms: Record<string, FormDefinition> = {};
    for (const [id, text] of Object.entries(formTexts)) {
      const f = parseJson(text);
      if (!f.ok) return { ok: false, message: `${id}: ${f.message}` };
      forms[id] = f.value as FormDefinition;
    }
    return { ok: true, bundle: { definition: def.value as FlowBundle['definition'], forms } };
  }, [defText, formTexts]);

  const fail = (err: unknown) => {
    if (!(err instanceof ApiProblem)) throw err;
    if (err.status === 409) setNotice({ kind: 'problem', text: `${t('ed.immutable')} ${err.detail ?? ''}`.trim() });
    else if (err.status === 422 && Array.isArray(err.body.findings)) {
      setFindings(err.body.findings as Finding[]);
      setNotice({ kind: 'problem', text: t('ed.publishRefused') });
    } else setNotice({ kind: 'problem', text: [err.title, err.detail, ...err.errors.map((e) => `${e.pointer}: ${e.message}`)].filter(Boolean).join(' — ') });
  };

  const save = async (): Promise<boolean> => {
    if (!bundle.ok) {
      setNotice({ kind: 'problem', text: t('ed.badJson', { message: bundle.message }) });
      return false;
    }
    setBusy('save');
    try {
      const answer = await api<SaveAnswer>(versionPath(key, version), { method: 'PUT', body: bundle.bundle });
      setSaved({ def: defText, forms: formTexts });
      setDetail(answer);
      setFindings(answer.findings);
      setNotice({ kind: 'ok', text: t('ed.saved') });
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const validate = async () => {
    if (editable && dirty) {
      await save();
      return;
    }
    setBusy('validate');
    try {
      setFindings(await api<Finding[]>(`${versionPath(key, version)}/validate`, { method: 'POST' }));
      setNotice(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setConfirming(false);
    if (dirty && !(await save())) return;
    setBusy('publish');
    try {
      await api<VersionSummary>(`${versionPath(key, version)}/publish`, { method: 'POST' });
      await load();
      setFindings([]);
      setNotice({ kind: 'ok', text: t('ed.published', { version }) });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  /** Findings located in the definition text, as lint diagnostics. */
  const defDiagnostics = useMemo(() => {
    const list = findings ?? [];
    return (text: string): Diagnostic[] =>
      list.flatMap((f) => {
        const at = locate(text, f.path, ['definition']);
        if (!at) return [];
        const from = at.keyFrom ?? at.from;
        return [{ from, to: Math.max(from + 1, at.keyFrom !== null ? at.to : at.from + 1), severity: f.severity, message: `${f.message} (${f.path})`, source: 'validator' }];
      });
  }, [findings]);

  const formDiagnostics = useMemo(() => {
    const list = findings ?? [];
    return (text: string): Diagnostic[] =>
      list.flatMap((f) => {
        const at = locate(text, f.path, ['forms', formId]);
        if (!at) return [];
        const from = at.keyFrom ?? at.from;
        return [{ from, to: Math.max(from + 1, at.to), severity: f.severity, message: f.message, source: 'validator' }];
      });
  }, [findings, formId]);

  /** Moves to a finding's place: the tab that holds it, the cursor on its key or value. */
  const goTo = (f: Finding) => {
    const segments = parsePath(f.path) ?? [];
    if (segments[0] === 'forms' && typeof segments[1] === 'string' && Object.hasOwn(formTexts, segments[1])) {
      const id = segments[1];
      setTab('forms');
      setFormId(id);
      const at = locate(formTexts[id] ?? '', segments, ['forms', id]);
      setTimeout(() => formEditor.current?.select(at ? (at.keyFrom ?? at.from) : 0), 50);
      return;
    }
    setTab('definition');
    const at = locate(defText, segments, ['definition']);
    setTimeout(() => defEditor.current?.select(at ? (at.keyFrom ?? at.from) : 0, at ? at.to : 0), 50);
  };

  const definitionValue = bundle.ok ? bundle.bundle.definition : null;

  if (problem && !detail) return <PageProblem problem={problem} onRetry={() => void load()} />;
  if (!detail) return <Loading />;

  return (
    <div className="policy policy-wide">
      <p className="policy-back">
        <Link to="/policy">{t('ed.back')}</Link>
      </p>
      <h1>
        {title} <span className={`policy-badge policy-badge--${detail.status}`}>{t(`status.${detail.status}`)}</span>
      </h1>
      {!editable && <p className="policy-note">{t('ed.readOnly', { status: t(`status.${detail.status}`) })}</p>}

      <div className="policy-toolbar">
        {editable && (
          <button type="button" className="button" aria-busy={busy === 'save'} disabled={busy !== null} onClick={() => void save()}>
            {busy === 'save' ? t('ed.saving') : t('ed.save')}
          </button>
        )}
        <button type="button" className="button button--secondary" aria-busy={busy === 'validate'} disabled={busy !== null} onClick={() => void validate()}>
          {busy === 'validate' ? t('ed.validating') : t('ed.validate')}
        </button>
        {editable && (
          <button type="button" className="button button--secondary" aria-busy={busy === 'publish'} disabled={busy !== null} aria-expanded={confirming} onClick={() => setConfirming(true)}>
            {busy === 'publish' ? t('ed.publishing') : t('ed.publish')}
          </button>
        )}
        {editable && dirty && <span className="policy-dirty">{t('ed.unsaved')}</span>}
      </div>
      {confirming && (
        <div className="panel policy-confirm" role="alertdialog" aria-labelledby="policy-confirm-text">
          <p id="policy-confirm-text">{t('ed.confirmPublish', { version })}</p>
          <div className="actions">
            <button type="button" className="button" autoFocus onClick={() => void publish()}>
              {t('ed.confirmYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('ed.confirmNo')}
            </button>
          </div>
        </div>
      )}
      <div className="policy-notice-slot">
        {notice?.kind === 'ok' && (
          <p className="policy-ok" role="status">
            {notice.text}
          </p>
        )}
        {notice?.kind === 'problem' && <ErrorSummary key={++attempt.current} title={notice.text} />}
      </div>

      <FindingsList findings={findings} onGo={goTo} />

      <Tabs<TabId>
        idPrefix="policy"
        label={t('ed.tabs')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: 'definition',
            label: t('tab.definition'),
            panel: (
              <div className="policy-split">
                <section aria-labelledby="policy-def-heading" className="policy-split__main">
                  <h2 id="policy-def-heading">{t('tab.definition')}</h2>
                  <p id="policy-def-hint" className="policy-muted">
                    {t('def.hint')}
                  </p>
                  <JsonEditor ref={defEditor} value={defText} onChange={setDefText} label={t('def.editor')} schema={editorSchema} diagnostics={defDiagnostics} readOnly={!editable} describedBy="policy-def-hint" />
                </section>
                <section aria-labelledby="policy-chart-heading" className="policy-split__side">
                  <h2 id="policy-chart-heading">{t('def.chart')}</h2>
                  {definitionValue ? <StatechartPanel machine={definitionValue.machine} title={tx(definitionValue.title)} /> : <p>{t('def.chartBroken')}</p>}
                </section>
              </div>
            ),
          },
          {
            id: 'policy',
            label: t('tab.policy'),
            panel: tab === 'policy' ? <PolicyNumbers defText={defText} onChange={setDefText} readOnly={!editable} /> : null,
          },
          {
            id: 'forms',
            label: t('tab.forms'),
            panel: tab === 'forms' && (
              <FormsPanel
                ref={formEditor}
                texts={formTexts}
                formId={formId}
                onPick={setFormId}
                onChange={(id, text) => setFormTexts((all) => ({ ...all, [id]: text }))}
                readOnly={!editable}
                diagnostics={formDiagnostics}
              />
            ),
          },
          {
            id: 'simulator',
            label: t('tab.simulator'),
            panel: tab === 'simulator' ? <Simulator bundle={bundle.ok ? bundle.bundle : null} /> : null,
          },
          {
            id: 'diff',
            label: t('tab.diff'),
            panel: tab === 'diff' ? <DiffView published={published} current={bundle.ok ? bundle.bundle : null} currentVersion={version} /> : null,
          },
        ]}
      />
    </div>
  );
}
