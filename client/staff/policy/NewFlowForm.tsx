/**
 * "New flow" on the flows page: a key, a title in Indonesian and English, and a blank draft or a
 * copy of a version of another flow → `POST /api/flows {key, title, from?}` → the new draft
 * (version 1) opens in the editor. Problems are found before sending where they can be (the
 * key's rule said in words), and the server's (409 `flow-exists`, 422 with pointers) are shown
 * the same way: an error summary linking to each field, and the message above the field.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { FlowEntry, VersionDetail } from './model.ts';
import { defaultVersion, emptyNewFlow, fieldOfPointer, NEW_FLOW_FIELDS, newFlowBody, newFlowProblems, type NewFlowField, type NewFlowInput } from './new-flow.ts';
import { texts } from './texts.ts';

const idOf = (field: NewFlowField) => `new-flow-${field}`;

type Shown = { field: NewFlowField | null; text: string };
type Problems = { attempt: number; title: string; detail?: string | undefined; list: Shown[] };

export function NewFlowForm({ flows, onCreated, onCancel }: { flows: FlowEntry[]; onCreated: (created: VersionDetail) => void; onCancel: () => void }) {
  const t = texts.useText();
  const { t: common, tx } = useI18n();
  const [input, setInput] = useState<NewFlowInput>(emptyNewFlow);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const set = <K extends keyof NewFlowInput>(key: K, value: NewFlowInput[K]) => setInput((i) => ({ ...i, [key]: value }));
  const show = (title: string, list: Shown[], detail?: string) =>
    setProblems((p) => ({ attempt: (p?.attempt ?? 0) + 1, title, detail, list: [...list].sort((a, b) => order(a.field) - order(b.field)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = newFlowProblems(
      input,
      flows.map((f) => f.key),
    );
    if (found.length > 0) {
      show(
        t('new.errTitle'),
        found.map((p) => ({ field: p.field, text: t(p.text, p.params) })),
      );
      return;
    }
    setBusy(true);
    try {
      const created = await api<VersionDetail>('/api/flows', { method: 'POST', body: newFlowBody(input) });
      setProblems(null);
      onCreated(created);
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      if (err.status === 409 || err.code === 'flow-exists') show(t('new.errTitle'), [{ field: 'key', text: t('new.err.keyTaken', { key: input.key.trim() }) }]);
      else if (err.errors.length > 0) show(err.title, err.errors.map((fe) => ({ field: fieldOfPointer(fe.pointer), text: fe.message })), err.detail);
      else show(err.title, [], err.detail);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: NewFlowField) => problems?.list.find((p) => p.field === field)?.text;
  const source = flows.find((f) => f.key === input.fromFlow);
  const versions = source ? [...source.versions].sort((a, b) => b.version - a.version) : [];

  return (
    <section className="panel policy-new" aria-labelledby="new-flow-heading">
      <h2 id="new-flow-heading" ref={heading} tabIndex={-1}>
        {t('new.title')}
      </h2>
      <p>{t('new.intro')}</p>
      {problems && (
        <ErrorSummary
          key={problems.attempt}
          title={problems.title}
          detail={problems.list.some((p) => p.text === problems.detail) ? undefined : problems.detail}
          items={problems.list.map((p) => (p.field ? { fieldId: idOf(p.field), text: p.text } : { text: p.text }))}
        />
      )}
      <form className="form policy-new__form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form__note">{common('common.allRequired')}</p>
        <TextField
          id={idOf('key')}
          label={t('new.key')}
          hint={t('new.keyHint')}
          value={input.key}
          onValue={(v) => set('key', v)}
          error={errorOf('key')}
          className="field--key"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          required
        />
        <TextField id={idOf('titleId')} label={t('new.titleId')} hint={t('new.titleHint')} value={input.titleId} onValue={(v) => set('titleId', v)} error={errorOf('titleId')} lang="id" required />
        <TextField id={idOf('titleEn')} label={t('new.titleEn')} value={input.titleEn} onValue={(v) => set('titleEn', v)} error={errorOf('titleEn')} lang="en" required />

        <fieldset className="policy-radios">
          <legend className="field__label">{t('new.start')}</legend>
          <div className="policy-radio">
            <input type="radio" id="new-flow-start-blank" name="new-flow-start" value="blank" checked={input.start === 'blank'} onChange={() => set('start', 'blank')} aria-describedby="new-flow-start-blank-hint" />
            <label htmlFor="new-flow-start-blank">{t('new.blank')}</label>
            <p className="field__hint" id="new-flow-start-blank-hint">
              {t('new.blankHint')}
            </p>
          </div>
          <div className="policy-radio">
            <input
              type="radio"
              id="new-flow-start-copy"
              name="new-flow-start"
              value="copy"
              checked={input.start === 'copy'}
              onChange={() => set('start', 'copy')}
              aria-describedby="new-flow-start-copy-hint"
            />
            <label htmlFor="new-flow-start-copy">{t('new.copy')}</label>
            <p className="field__hint" id="new-flow-start-copy-hint">
              {t('new.copyHint')}
            </p>
          </div>
          <div id="new-flow-copy" className="policy-radio__reveal" hidden={input.start !== 'copy'}>
            <SelectField id={idOf('fromFlow')} label={t('new.fromFlow')} error={errorOf('fromFlow')}>
              <select
                id={idOf('fromFlow')}
                value={input.fromFlow}
                onChange={(e) => {
                  const key = e.target.value;
                  setInput((i) => ({ ...i, fromFlow: key, fromVersion: defaultVersion(flows.find((f) => f.key === key)) }));
                }}
                aria-invalid={errorOf('fromFlow') ? true : undefined}
                aria-describedby={errorOf('fromFlow') ? `${idOf('fromFlow')}-error` : undefined}
              >
                <option value="">{t('new.chooseFlow')}</option>
                {flows.map((f) => (
                  <option key={f.key} value={f.key}>
                    {tx(f.title)} ({f.key})
                  </option>
                ))}
              </select>
            </SelectField>
            <SelectField id={idOf('fromVersion')} label={t('new.fromVersion')} error={errorOf('fromVersion')}>
              <select
                id={idOf('fromVersion')}
                value={input.fromVersion}
                disabled={!source}
                onChange={(e) => set('fromVersion', e.target.value)}
                aria-invalid={errorOf('fromVersion') ? true : undefined}
                aria-describedby={errorOf('fromVersion') ? `${idOf('fromVersion')}-error` : undefined}
              >
                {versions.length === 0 && <option value="">—</option>}
                {versions.map((v) => (
                  <option key={v.version} value={String(v.version)}>
                    {t('new.versionOption', { version: v.version, status: t(`status.${v.status}`) })}
                  </option>
                ))}
              </select>
            </SelectField>
          </div>
        </fieldset>

        <div className="actions">
          <button type="submit" className="button" aria-busy={busy} disabled={busy}>
            {busy ? t('new.creating') : t('new.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
            {t('new.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

const order = (field: NewFlowField | null) => (field === null ? -1 : NEW_FLOW_FIELDS.indexOf(field));

/** A labelled select with its error above it (as TextField does for inputs). */
function SelectField({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t('error.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
