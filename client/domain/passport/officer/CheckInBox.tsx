/**
 * Check-in at the counter: the officer types the queue code from the applicant's confirmation or
 * scans its QR with the device camera (qr-scanner.ts, @zxing/browser loaded only when the camera is
 * used; stopped when the box goes away). The code is looked up at the officer's office
 * (`GET /api/applications?queueCode=`) and `CHECK_IN {queueCode}` is sent with `If-Match` and an
 * `Idempotency-Key`; then the work page opens. A code of another office is explained from the
 * code itself (it starts with the office's code): the search there answers nothing, by design.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { ApiProblem } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.ts';
import { uuid } from '../../../lib/idempotency.ts';
import { LiveRegion, workPath } from '../../../staff/officer/parts.tsx';
import { listPage, sendEvent } from '../../../staff/officer/work-items.ts';
import { formatQueueNumber } from '../format.ts';
import { normalizeQueueCode, officeOfCode, type CounterItem } from './counter.ts';
import { useCounterText } from './texts.ts';
import { officeInfo } from './use-office.ts';
import { startQrScanner } from './qr-scanner.ts';

type ScannerControls = { stop(): void };
type Outcome = { kind: 'info' | 'error'; text: string } | { kind: 'problem'; problem: ApiProblem };

export function CheckInBox({ officeCode, onCheckedIn }: { officeCode: string | null; onCheckedIn?: () => void }) {
  const o = useCounterText();
  const i18n = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [live, setLive] = useState({ text: '', n: 0 });
  const [scanning, setScanning] = useState(false);
  const [cameraMessage, setCameraMessage] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const controls = useRef<ScannerControls | null>(null);
  const inFlight = useRef(false);

  const say = (text: string) => setLive((l) => ({ text, n: l.n + 1 }));

  const checkIn = useCallback(
    async (raw: string) => {
      if (inFlight.current) return;
      const queueCode = normalizeQueueCode(raw);
      setAttempt((a) => a + 1);
      if (!queueCode) {
        setOutcome({ kind: 'error', text: o('checkIn.empty') });
        return;
      }
      const owner = officeOfCode(queueCode);
      if (owner && officeCode && owner !== officeCode) {
        // NOTE: the search at this office finds nothing for another office's code (by design: an
        // officer sees their own office only); the code itself says where the appointment is.
        const other = await officeInfo(owner);
        setOutcome({ kind: 'error', text: o('checkIn.otherOffice', { code: queueCode, office: owner, officeName: other.name, mine: officeCode }) });
        return;
      }
      inFlight.current = true;
      setBusy(true);
      setOutcome(null);
      say(o('checkIn.searching', { code: queueCode }));
      try {
        const found = await listPage<CounterItem>({ queueCode });
        const item = found.items[0];
        if (!item) {
          setOutcome({ kind: 'error', text: o('checkIn.notFound', { code: queueCode }) });
          return;
        }
        const name = item.applicantName || o('noName');
        if (item.status !== 'booked') {
          const told = o('checkIn.notBooked', { name, status: (item.statusLabel ? i18n.tx(item.statusLabel) : '') || item.status });
          say(told);
          navigate(workPath(item.id), { state: { announce: told } });
          return;
        }
        const view = await sendEvent(item, 'CHECK_IN', { queueCode }, uuid());
        const done = o('checkIn.done', { name, queue: formatQueueNumber(item.queueNumber) || '–' });
        say(done);
        setCode('');
        onCheckedIn?.();
        navigate(workPath(view.id), { state: { announce: done } });
      } catch (err) {
        if (!(err instanceof ApiProblem)) throw err;
        setOutcome({ kind: 'problem', problem: err });
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [officeCode, o, i18n, navigate, onCheckedIn],
  );

  // The camera: started when `scanning` turns on (the video element exists then), stopped when it
  // turns off or the box unmounts.
  useEffect(() => {
    if (!scanning) return;
    let cancelled = false;
    const stop = () => {
      controls.current?.stop();
      controls.current = null;
    };
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCameraMessage(o('checkIn.noCamera'));
        setScanning(false);
        return;
      }
      try {
        if (!videoRef.current) return;
        const c = await startQrScanner(videoRef.current, (raw) => {
          if (cancelled) return;
          controls.current = null;
          const text = normalizeQueueCode(raw);
          setCode(text);
          setScanning(false);
          say(o('checkIn.scanned', { code: text }));
          void checkIn(text);
        });
        if (cancelled) c.stop();
        else controls.current = c;
      } catch (err) {
        if (cancelled) return;
        const name = err instanceof Error || err instanceof DOMException ? err.name : '';
        setCameraMessage(
          name === 'NotAllowedError' || name === 'SecurityError'
            ? o('checkIn.denied')
            : name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError'
              ? o('checkIn.noCamera')
              : o('checkIn.cameraFailed'),
        );
        setScanning(false);
      }
    };
    void start();
    return () => {
      cancelled = true;
      stop();
    };
  }, [scanning]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void checkIn(code);
  };

  return (
    <section className="panel checkin" aria-labelledby="checkin-title">
      <h2 id="checkin-title">{o('checkIn.title')}</h2>
      {outcome?.kind === 'problem' && <ErrorSummary key={`p${attempt}`} title={outcome.problem.title} detail={outcome.problem.detail} />}
      {outcome && outcome.kind !== 'problem' && (
        <div key={`m${attempt}`} className={outcome.kind === 'error' ? 'notice notice--error' : 'notice'} role="alert">
          <p>{outcome.text}</p>
        </div>
      )}
      <form className="checkin__form" onSubmit={submit} noValidate>
        <TextField
          id="checkin-code"
          label={o('checkIn.code')}
          hint={o('checkIn.hint')}
          value={code}
          onValue={setCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="field--queue"
        />
        <div className="actions">
          <button type="submit" className="button" aria-busy={busy} disabled={busy}>
            {busy ? i18n.t('common.sending') : o('checkIn.submit')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-pressed={scanning}
            onClick={() => {
              setCameraMessage(null);
              setScanning((s) => !s);
            }}
          >
            {scanning ? o('checkIn.stopScan') : o('checkIn.scan')}
          </button>
        </div>
      </form>
      {cameraMessage && (
        <p className="notice notice--error" role="alert">
          {cameraMessage}
        </p>
      )}
      {scanning && (
        <div className="checkin__camera">
          <p>{o('checkIn.scanning')}</p>
          <video ref={videoRef} className="checkin__video" aria-label={o('checkIn.video')} muted playsInline />
        </div>
      )}
      <LiveRegion text={live.text} n={live.n} />
    </section>
  );
}
