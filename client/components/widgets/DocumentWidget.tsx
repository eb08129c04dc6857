/**
 * `"ui:widget": "document"`, `"ui:options": {"kind": "ktp"}`: a document field whose value is the
 * id of an uploaded document (api.md "Documents").
 *
 * Choose a file or take a photo (one input; the phone offers camera, gallery and files) → checked
 * here first (size, then type by content: lib/file-checks.ts) → uploaded with a progress bar →
 * the field's value becomes the document's id. A failed upload keeps the chosen file: "try again"
 * sends it once more; a field that already had a document keeps it until a new one is stored. A
 * photo over the limit can be made smaller on the phone and then uploaded.
 *
 * Screen readers: the button is named by its action and the field ("Pilih berkas atau ambil foto:
 * KTP"), a polite status says progress in quarters and the result, an alert says what went wrong.
 */
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiProblem } from '../../lib/api.ts';
import { announcedPercent, checkFile, declaredMime, DOCUMENT_ACCEPT, formatBytes, isImageMime, MAX_DOCUMENT_BYTES, percentOf, SNIFF_BYTES, type DocumentMime } from '../../lib/file-checks.ts';
import { useI18n, type MessageKey } from '../../lib/i18n.ts';
import { shrinkPhoto, thumbnailOf } from '../../lib/image.ts';
import { applicationDocuments, documentUrl, rememberDocument, uploadDocument, type DocumentInfo } from '../../lib/upload.ts';
import { formContextOf } from './context.ts';

type Chosen = { file: File; mime: DocumentMime; thumb: string | null };

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; text: MessageKey } // reading or shrinking a file
  | { kind: 'uploading'; chosen: Chosen; loaded: number; total: number }
  | { kind: 'failed'; chosen: Chosen; message: string; retry: boolean }
  | { kind: 'done'; chosen: Chosen; id: string };

/** A check that failed before any upload; `tooLarge` photos may be shrunk. */
type Refusal = { message: string; shrink: File | null };

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

export function DocumentWidget(props: WidgetProps) {
  const { id, value, onChange, label, disabled, readonly, options, registry, rawErrors, autofocus } = props;
  const { t, lang } = useI18n();
  const kind = typeof options.kind === 'string' ? options.kind : props.name;
  const maxBytes = typeof options.maxBytes === 'number' && options.maxBytes > 0 ? options.maxBytes : MAX_DOCUMENT_BYTES;
  const { applicationId } = formContextOf(registry);
  const current = typeof value === 'string' && value ? value : '';

  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [status, setStatus] = useState('');
  const [stored, setStored] = useState<DocumentInfo | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const upload = useRef<AbortController | null>(null);
  const alive = useRef(true);
  const uid = useId();
  const hintId = `${uid}-hint`;
  const problemId = `${uid}-problem`;
  const progressId = `${uid}-progress`;
  const fileId = `${uid}-file`;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      upload.current?.abort();
    };
  }, []);

  // A document uploaded on an earlier visit: name it from the application's list.
  const known = phase.kind === 'done' && phase.id === current;
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

  const start = (chosen: Chosen) => {
    if (!applicationId) {
      setPhase({ kind: 'failed', chosen, message: t('error.unexpected'), retry: false });
      return;
    }
    upload.current?.abort();
    const controller = new AbortController();
    upload.current = controller;
    setRefusal(null);
    setPhase({ kind: 'uploading', chosen, loaded: 0, total: chosen.file.size });
    setStatus(t('doc.uploading', { name: chosen.file.name }));
    let spoken = 0;
    uploadDocument(applicationId, kind, chosen.file, chosen.file.name, {
      signal: controller.signal,
      onProgress: (loaded, total) => {
        if (!alive.current || controller.signal.aborted) return;
        setPhase((p) => (p.kind === 'uploading' && p.chosen === chosen ? { ...p, loaded, total } : p));
        const quarter = announcedPercent(percentOf(loaded, total));
        if (quarter > spoken && quarter < 100) {
          spoken = quarter;
          setStatus(t('doc.progress', { percent: quarter }));
        }
      },
    }).then(
      (doc) => {
        if (!alive.current || upload.current !== controller) return;
        upload.current = null;
        rememberDocument(applicationId, { ...doc, filename: chosen.file.name });
        setPhase({ kind: 'done', chosen, id: doc.id });
        setStatus(t('doc.done', { name: chosen.file.name, size: size(doc.size) }));
        onChange(doc.id);
      },
      (err: unknown) => {
        if (!alive.current || upload.current !== controller) return;
        upload.current = null;
        if (isAbort(err)) {
          setPhase({ kind: 'failed', chosen, message: t('doc.cancelled'), retry: true });
          setStatus(t('doc.cancelled'));
          return;
        }
        if (!(err instanceof ApiProblem)) throw err;
        const retry = err.isNetwork || err.status >= 500 || err.status === 429 || err.status === 408;
        const message = err.isNetwork
          ? t('doc.networkFailed')
          : [err.detail ?? err.title, ...err.errors.map((e) => e.message), err.status === 401 ? t('error.sessionEnded') : '']
              .filter(Boolean)
              .join(' ');
        setPhase({ kind: 'failed', chosen, message, retry });
        setStatus('');
      },
    );
  };

  /** Checks a chosen file (size first, then its first bytes) and uploads it, or says why not. */
  const choose = async (file: File) => {
    setStatus('');
    setRefusal(null);
    const quick = checkFile(file, undefined, maxBytes);
    if (!quick.ok && quick.code !== 'badType') return refuse(file, quick.code);
    setPhase({ kind: 'busy', text: 'common.loading' });
    let head: Uint8Array;
    try {
      head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    } catch {
      head = new Uint8Array();
    }
    if (!alive.current) return;
    const checked = checkFile(file, head, maxBytes);
    if (!checked.ok) {
      setPhase({ kind: 'idle' });
      return refuse(file, checked.code);
    }
    const chosen: Chosen = { file, mime: checked.mime, thumb: null };
    start(chosen);
    if (isImageMime(checked.mime)) {
      // The thumbnail comes after the upload has started: the upload matters more.
      const thumb = await thumbnailOf(file);
      if (thumb && alive.current) {
        chosen.thumb = thumb;
        setPhase((p) => (p.kind !== 'idle' && p.kind !== 'busy' && p.chosen === chosen ? { ...p, chosen: { ...chosen } } : p));
      }
    }
  };

  const refuse = (file: File, code: 'empty' | 'tooLarge' | 'badType') => {
    setPhase({ kind: 'idle' });
    const facts = { name: file.name, size: size(file.size), max: size(maxBytes) };
    const key = code === 'empty' ? 'doc.empty' : code === 'tooLarge' ? 'doc.tooLarge' : 'doc.badType';
    // A photo over the limit can be made smaller here (a PDF cannot).
    setRefusal({ message: t(key, facts), shrink: code === 'tooLarge' && isImageMime(declaredMime(file)) ? file : null });
  };

  const shrinkAndUpload = async (file: File) => {
    setRefusal(null);
    setPhase({ kind: 'busy', text: 'doc.shrinking' });
    setStatus(t('doc.shrinking'));
    const smaller = await shrinkPhoto(file, maxBytes);
    if (!alive.current) return;
    if (!smaller) {
      setPhase({ kind: 'idle' });
      setStatus('');
      setRefusal({ message: t('doc.shrinkFailed'), shrink: null });
      return;
    }
    await choose(smaller);
  };

  const openPicker = () => inputRef.current?.click();

  const uploading = phase.kind === 'uploading' ? phase : null;
  const failed = phase.kind === 'failed' ? phase : null;
  const shown = phase.kind === 'uploading' || phase.kind === 'failed' || (phase.kind === 'done' && known) ? phase.chosen : null;
  const percent = uploading ? percentOf(uploading.loaded, uploading.total) : 0;
  const problem = failed?.message ?? refusal?.message ?? '';
  const busy = phase.kind === 'busy' || phase.kind === 'uploading';
  const locked = disabled || readonly;
  const action = current ? t('doc.replace') : t('doc.choose');
  const invalid = (rawErrors?.length ?? 0) > 0 || Boolean(problem);

  return (
    <div className={`doc${invalid ? ' doc--invalid' : ''}`}>
      <p className="doc__hint" id={hintId}>
        {t('doc.hint', { max: size(maxBytes) })}
      </p>

      {shown ? (
        <FileCard chosen={shown} size={size(shown.file.size)} done={phase.kind === 'done'} />
      ) : current ? (
        <div className="doc__file">
          <FileIcon mime={stored?.mime ?? null} />
          <div className="doc__file-text">
            <p className="doc__name">{stored ? t('doc.existingNamed', { name: stored.filename || `${kind}`, size: size(stored.size) }) : t('doc.existing')}</p>
            <a href={documentUrl(current)} className="doc__view">
              {t('doc.view')}
            </a>
          </div>
        </div>
      ) : null}

      {uploading && (
        <div className="doc__progress">
          <label htmlFor={progressId}>{t('doc.uploading', { name: uploading.chosen.file.name })}</label>
          <progress id={progressId} max={100} value={percent}>
            {percent}%
          </progress>
          <span className="doc__percent" aria-hidden="true">
            {percent}%
          </span>
        </div>
      )}

      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
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
          <button type="button" className="button button--secondary" onClick={() => upload.current?.abort()}>
            {t('doc.cancel')}
          </button>
        ) : (
          <>
            {refusal?.shrink && (
              <button type="button" className="button" disabled={locked} onClick={() => refusal.shrink && void shrinkAndUpload(refusal.shrink)}>
                {t('doc.shrink')}
              </button>
            )}
            {failed?.retry && (
              <button type="button" className="button" disabled={locked} onClick={() => start(failed.chosen)}>
                {t('doc.retry')}
              </button>
            )}
            <button
              ref={buttonRef}
              id={id}
              type="button"
              className="button button--secondary"
              aria-label={t('doc.forField', { action: failed || refusal ? t('doc.chooseOther') : action, field: label })}
              aria-describedby={[hintId, problem ? problemId : '', ariaDescribedByIds(id)].filter(Boolean).join(' ')}
              aria-busy={busy || undefined}
              disabled={locked || phase.kind === 'busy'}
              autoFocus={autofocus}
              onClick={openPicker}
            >
              {phase.kind === 'busy' ? t(phase.text) : failed || refusal ? t('doc.chooseOther') : action}
            </button>
          </>
        )}
      </div>

      <input
        ref={inputRef}
        id={fileId}
        type="file"
        accept={DOCUMENT_ACCEPT}
        hidden
        tabIndex={-1}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // NOTE: cleared so that choosing the same file again (after a fix) fires `change` again.
          e.currentTarget.value = '';
          if (file) void choose(file);
          buttonRef.current?.focus();
        }}
      />
    </div>
  );
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
