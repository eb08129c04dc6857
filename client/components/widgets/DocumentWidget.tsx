/**
 * `"ui:widget": "document"`, `"ui:options": {"kind": "<kind>"}`: a document field whose value is
 * the id of an uploaded document of a kind the flow declares (api.md "Documents"). The kind's
 * declaration (`view.documents`, passed in the form context) gives its name, the content types
 * it accepts and its largest size.
 *
 * Choose a file or take a photo (one input; the phone offers camera, gallery and files) → checked
 * here first (size, then type by content: lib/file-checks.ts) → uploaded with a progress bar →
 * the field's value becomes the document's id. A failed upload keeps the chosen file: "try again"
 * sends it once more; a field that already had a document keeps it until a new one is stored. A
 * photo over the limit can be made smaller on the phone and then uploaded. The steps are the
 * states of lib/upload-machine.ts (idle, checking, refused, shrinking, uploading, failed,
 * uploaded), run with @xstate/react's useMachine; unmounting stops it, which aborts an upload.
 *
 * Screen readers: the button is named by its action and the field ("Pilih berkas atau ambil foto:
 * Surat penjaminan"), a polite status says progress in quarters and the result, an alert says
 * what went wrong.
 */
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useMachine } from '@xstate/react';
import { useEffect, useId, useRef, useState } from 'react';
import { acceptOf, documentRules, formatBytes, percentOf, typesText } from '../../lib/file-checks.ts';
import { useI18n, type I18n, type MessageKey } from '../../lib/i18n.ts';
import { shrinkPhoto, thumbnailOf } from '../../lib/image.ts';
import { applicationDocuments, documentUrl, rememberDocument, uploadDocument, type DocumentInfo } from '../../lib/upload.ts';
import { uploadMachine, type Chosen, type Refusal, type UploadFailure, type UploadSnapshot } from '../../lib/upload-machine.ts';
import { formContextOf } from './context.ts';

export function DocumentWidget(props: WidgetProps) {
  const { id, value, onChange, label, disabled, readonly, options, registry, rawErrors, autofocus } = props;
  const i18n = useI18n();
  const { t, tx, lang } = i18n;
  const kind = typeof options.kind === 'string' ? options.kind : props.name;
  const { applicationId, documents } = formContextOf(registry);
  const declared = documents?.find((d) => d.kind === kind);
  const rules = documentRules(declared);
  const maxBytes = typeof options.maxBytes === 'number' && options.maxBytes > 0 ? Math.min(options.maxBytes, rules.maxBytes) : rules.maxBytes;
  const { types } = rules;
  /** The field's name for people: its label, else the kind's name from the flow. */
  const name = label || (declared ? tx(declared.title) : kind);
  const current = typeof value === 'string' && value ? value : '';

  /** Where uploads go and what to tell the form, as of the last render (the machine reads them when it needs them). */
  const target = useRef({ applicationId, kind, onChange });
  useEffect(() => {
    target.current = { applicationId, kind, onChange };
  });

  // NOTE: the machine is created once per field (useMachine reads `input` on mount only); it is
  // stopped when the field unmounts, which aborts an upload in flight.
  const [state, send, actor] = useMachine(uploadMachine, {
    input: {
      maxBytes,
      types,
      deps: {
        upload: applicationId
          ? (file, opts) => uploadDocument(target.current.applicationId ?? applicationId, target.current.kind, file, file.name, opts)
          : null,
        shrink: shrinkPhoto,
        thumbnail: thumbnailOf,
      },
    },
  });

  // Stored: remember it for the answers list and make it the field's value.
  useEffect(() => {
    const sub = actor.on('uploaded', ({ doc, file }) => {
      const { applicationId: app, onChange: change } = target.current;
      if (app) rememberDocument(app, { ...doc, filename: file.name });
      change(doc.id);
    });
    return () => sub.unsubscribe();
  }, [actor]);

  const [stored, setStored] = useState<DocumentInfo | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const uid = useId();
  const hintId = `${uid}-hint`;
  const problemId = `${uid}-problem`;
  const progressId = `${uid}-progress`;
  const fileId = `${uid}-file`;

  const { context } = state;
  // A document uploaded on an earlier visit: name it from the application's list.
  const known = state.matches('uploaded') && context.uploaded?.id === current;
  useEffect(() => {
    if (!current || known || !applicationId) return;
    let live = true;
    applicationDocuments(applicationId).then(
      (docs) => live && setStored(docs.find((d) => d.id === current) ?? null),
      () => live && setStored(null),
    );
    return () => {
      live = false;
    };
  }, [current, known, applicationId]);

  const size = (n: number) => formatBytes(n, lang);

  const openPicker = () => inputRef.current?.click();

  const uploading = state.matches('uploading') ? context.chosen : null;
  const failed = state.matches('failed') ? context.failure : null;
  const refusal = state.matches('refused') ? context.refusal : null;
  const busyText: MessageKey | null = state.matches('checking') ? 'common.loading' : state.matches('shrinking') ? 'doc.shrinking' : null;
  const shown = state.matches('uploading') || state.matches('failed') || known ? context.chosen : null;
  const percent = uploading ? percentOf(context.loaded, context.total) : 0;
  const problem = failed ? failureText(failed, i18n) : refusal ? refusalText(refusal, maxBytes, types, i18n) : '';
  const busy = busyText !== null || uploading !== null;
  const locked = disabled || readonly;
  const action = current ? t('doc.replace') : t('doc.choose');
  const invalid = (rawErrors?.length ?? 0) > 0 || Boolean(problem);

  return (
    <div className={`doc${invalid ? ' doc--invalid' : ''}`}>
      <p className="doc__hint" id={hintId}>
        {t('doc.hint', { types: typesText(types, lang), max: size(maxBytes) })}
      </p>

      {shown ? (
        <FileCard chosen={shown} size={size(shown.file.size)} done={known} />
      ) : current ? (
        <div className="doc__file">
          <FileIcon mime={stored?.mime ?? null} />
          <div className="doc__file-text">
            <p className="doc__name">{stored ? t('doc.existingNamed', { name: stored.filename || name, size: size(stored.size) }) : t('doc.existing')}</p>
            <a href={documentUrl(current)} className="doc__view">
              {t('doc.view')}
            </a>
          </div>
        </div>
      ) : null}

      {uploading && (
        <div className="doc__progress">
          <label htmlFor={progressId}>{t('doc.uploading', { name: uploading.file.name })}</label>
          <progress id={progressId} max={100} value={percent}>
            {percent}%
          </progress>
          <span className="doc__percent" aria-hidden="true">
            {percent}%
          </span>
        </div>
      )}

      <p className="visually-hidden" role="status" aria-live="polite">
        {statusText(state, i18n)}
      </p>

      {problem && (
        <div className="doc__problem field__error" id={problemId} role="alert">
          <span className="visually-hidden">{t('error.errorPrefix')} </span>
          {problem}
          {failed && current && <span className="doc__kept"> {t('doc.keptPrevious')}</span>}
        </div>
      )}

      <div className="doc__actions">
        {uploading ? (
          <button type="button" className="button button--secondary" onClick={() => send({ type: 'CANCEL' })}>
            {t('doc.cancel')}
          </button>
        ) : (
          <>
            {refusal?.shrinkable && (
              <button type="button" className="button" disabled={locked} onClick={() => send({ type: 'SHRINK' })}>
                {t('doc.shrink')}
              </button>
            )}
            {failed?.retry && (
              <button type="button" className="button" disabled={locked} onClick={() => send({ type: 'RETRY' })}>
                {t('doc.retry')}
              </button>
            )}
            <button
              ref={buttonRef}
              id={id}
              type="button"
              className="button button--secondary"
              aria-label={t('doc.forField', { action: failed || refusal ? t('doc.chooseOther') : action, field: name })}
              aria-describedby={[hintId, problem ? problemId : '', ariaDescribedByIds(id)].filter(Boolean).join(' ')}
              aria-busy={busy || undefined}
              disabled={locked || busyText !== null}
              autoFocus={autofocus}
              onClick={openPicker}
            >
              {busyText ? t(busyText) : failed || refusal ? t('doc.chooseOther') : action}
            </button>
          </>
        )}
      </div>

      <input
        ref={inputRef}
        id={fileId}
        type="file"
        accept={acceptOf(types)}
        hidden
        tabIndex={-1}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // NOTE: cleared so that choosing the same file again (after a fix) fires `change` again.
          e.currentTarget.value = '';
          if (file) send({ type: 'CHOOSE', file });
          buttonRef.current?.focus();
        }}
      />
    </div>
  );
}

/** The live region's words: what is happening now (progress in quarters), or the result. */
function statusText(state: UploadSnapshot, { t, lang }: I18n): string {
  const { chosen, spoken, uploaded, failure } = state.context;
  if (state.matches('shrinking')) return t('doc.shrinking');
  if (state.matches('uploading') && chosen) return spoken > 0 ? t('doc.progress', { percent: spoken }) : t('doc.uploading', { name: chosen.file.name });
  if (state.matches('uploaded') && chosen && uploaded) return t('doc.done', { name: chosen.file.name, size: formatBytes(uploaded.size, lang) });
  if (state.matches('failed') && failure?.reason === 'cancelled') return t('doc.cancelled');
  return '';
}

/** Why the upload did not finish, in words (the server's problem text when it answered). */
function failureText(failure: UploadFailure, { t }: I18n): string {
  switch (failure.reason) {
    case 'cancelled':
      return t('doc.cancelled');
    case 'network':
      return t('doc.networkFailed');
    case 'unexpected':
      return t('error.unexpected');
    case 'problem': {
      const { problem } = failure;
      return [problem.detail ?? problem.title, ...problem.errors.map((e) => e.message), problem.status === 401 ? t('error.sessionEnded') : '']
        .filter(Boolean)
        .join(' ');
    }
  }
}

/** Why the file was not sent, with its name and size against the limit, or the types accepted. */
function refusalText({ code, file }: Refusal, maxBytes: number, types: readonly string[], { t, lang }: I18n): string {
  if (code === 'shrinkFailed') return t('doc.shrinkFailed');
  const facts = { name: file.name, size: formatBytes(file.size, lang), max: formatBytes(maxBytes, lang), types: typesText(types, lang) };
  return t(code === 'empty' ? 'doc.empty' : code === 'tooLarge' ? 'doc.tooLarge' : 'doc.badType', facts);
}

function FileCard({ chosen, size, done }: { chosen: Chosen; size: string; done: boolean }) {
  const { t } = useI18n();
  return (
    <div className="doc__file">
      {chosen.thumb ? <img className="doc__thumb" src={chosen.thumb} alt="" width={64} height={64} /> : <FileIcon mime={chosen.mime} />}
      <div className="doc__file-text">
        <p className="doc__name">{chosen.file.name}</p>
        <p className="doc__size">
          {size}
          {done && (
            <>
              {' · '}
              <span className="doc__ok">
                <span aria-hidden="true">✓ </span>
                {t('doc.uploaded')}
              </span>
            </>
          )}
        </p>
      </div>
    </div>
  );
}

/** A page with a folded corner; PDFs are labelled "PDF". Decorative: the name is in the text. */
function FileIcon({ mime }: { mime: string | null }) {
  const { t } = useI18n();
  const pdf = mime === 'application/pdf';
  return (
    <span className={`doc__icon${pdf ? ' doc__icon--pdf' : ''}`} aria-hidden="true">
      <svg viewBox="0 0 40 48" width="40" height="48" focusable="false">
        <path d="M2 2h24l12 12v32H2z" fill="#fff" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
        <path d="M26 2v12h12" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      </svg>
      {pdf && <span className="doc__icon-label">{t('doc.pdf')}</span>}
    </span>
  );
}
