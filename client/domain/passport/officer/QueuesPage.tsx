/**
 * `/officer/queues` (the passport pack's page in the officer area): the office's printing queue (status `printing`, one click: PRINTED) and
 * hand-over queue (status `readyForPickup`: HAND_OVER on the work page, where the officer checks
 * the applicant's ID first).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { Loading, PageProblem } from '../../../components/Status.tsx';
import { ApiProblem } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.ts';
import { uuid } from '../../../lib/idempotency.ts';
import { useTitle } from '../../../lib/use-title.ts';
import { LiveRegion, workPath } from '../../../staff/officer/parts.tsx';
import { listAll, sendEvent } from '../../../staff/officer/work-items.ts';
import { oldestFirst, type CounterItem } from './counter.ts';
import { CounterTable } from './CounterTable.tsx';
import { useCounterText } from './texts.ts';
import './counter.css';

type Queues = { printing: CounterItem[]; handOver: CounterItem[] };

export default function QueuesPage() {
  const o = useCounterText();
  const { t } = useI18n();
  useTitle(o('queues.title'));
  const [queues, setQueues] = useState<Queues | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [actionProblem, setActionProblem] = useState<{ problem: ApiProblem; n: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [live, setLive] = useState({ text: '', n: 0 });
  const inFlight = useRef(false);

  const load = useCallback(async (signal?: AbortSignal) => {
    setProblem(null);
    try {
      const [printing, handOver] = await Promise.all([listAll<CounterItem>({ status: 'printing' }, signal), listAll<CounterItem>({ status: 'readyForPickup' }, signal)]);
      setQueues({ printing: oldestFirst(printing.items), handOver: oldestFirst(handOver.items) });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (!(err instanceof ApiProblem)) throw err;
      setProblem(err);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const printed = async (item: CounterItem) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(item.id);
    setActionProblem(null);
    try {
      await sendEvent(item, 'PRINTED', undefined, uuid());
      setLive((l) => ({ text: o('queues.done', { name: item.applicantName || o('noName') }), n: l.n + 1 }));
      await load();
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setActionProblem((p) => ({ problem: err, n: (p?.n ?? 0) + 1 }));
      await load();
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  return (
    <>
      <h1>{o('queues.title')}</h1>
      <LiveRegion text={live.text} n={live.n} />
      {actionProblem && <ErrorSummary key={actionProblem.n} title={actionProblem.problem.title} detail={actionProblem.problem.detail} />}
      {problem && <PageProblem problem={problem} onRetry={() => void load()} />}
      <p>
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {o('refresh')}
        </button>
      </p>
      {!queues && !problem && <Loading />}
      {queues && (
        <>
          <section aria-labelledby="queue-printing-title">
            <h2 id="queue-printing-title">{o('queues.printing')}</h2>
            {queues.printing.length === 0 ? (
              <p>{o('queues.emptyPrinting')}</p>
            ) : (
              <CounterTable
                items={queues.printing}
                caption={o('queues.printing')}
                hideCaption
                columns={['name', 'flow', 'pickup']}
                action={(i) => (
                  <button type="button" className="button button--small" aria-busy={busy === i.id} disabled={busy !== null} onClick={() => void printed(i)}>
                    {busy === i.id ? t('common.sending') : o('queues.printed')}
                    <span className="visually-hidden"> · {i.applicantName || o('noName')}</span>
                  </button>
                )}
              />
            )}
          </section>
          <section aria-labelledby="queue-handover-title">
            <h2 id="queue-handover-title">{o('queues.handOver')}</h2>
            {queues.handOver.length === 0 ? (
              <p>{o('queues.emptyHandOver')}</p>
            ) : (
              <CounterTable
                items={queues.handOver}
                caption={o('queues.handOver')}
                hideCaption
                columns={['name', 'flow', 'pickup']}
                action={(i) => (
                  <Link className="button button--small button--secondary" to={workPath(i.id)} aria-label={o('queues.handOverNamed', { name: i.applicantName || o('noName') })}>
                    {o('queues.handOverButton')}
                  </Link>
                )}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
