/**
 * `/officer/today` (the passport pack's page in the officer area): the office's appointments of a day (today in the office's time zone by the server's
 * clock, or another day picked), grouped by session, with the count per status and the walk-ins
 * waiting; the check-in box on top.
 */
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Loading, PageProblem } from '../../../components/Status.tsx';
import { ApiProblem } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.ts';
import { useTitle } from '../../../lib/use-title.ts';
import { CheckInBox } from './CheckInBox.tsx';
import { listAll } from '../../../staff/officer/work-items.ts';
import { groupBySession, sortWalkIns, statusCounts, type CounterItem } from './counter.ts';
import { CounterTable } from './CounterTable.tsx';
import { useCounterText } from './texts.ts';
import { useOfficeToday } from './use-office.ts';
import './counter.css';

type Loaded = { date: string; items: CounterItem[]; walkIns: CounterItem[]; more: boolean };

export default function TodayPage() {
  const o = useCounterText();
  const i18n = useI18n();
  const { formatDate } = i18n;
  const { code, office, today } = useOfficeToday();
  const [params, setParams] = useSearchParams();
  const picked = params.get('date');
  const date = picked && /^\d{4}-\d{2}-\d{2}$/.test(picked) ? picked : today;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const title = office ? o('today.title', { office: office.name }) : o('today.titleNoOffice');
  useTitle(title);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!date) return;
      setProblem(null);
      try {
        const [day, waiting] = await Promise.all([
          listAll<CounterItem>({ date }, signal),
          date === today ? listAll<CounterItem>({ status: 'checkedIn' }, signal) : Promise.resolve({ items: [], more: false }),
        ]);
        setLoaded({ date, items: day.items, walkIns: sortWalkIns(waiting.items.filter((i) => !i.appointmentDate)), more: day.more || waiting.more });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (!(err instanceof ApiProblem)) throw err;
        setProblem(err);
      }
    },
    [date, today],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const groups = loaded ? groupBySession(loaded.items) : [];
  const counts = loaded ? statusCounts(loaded.items) : [];

  return (
    <>
      <h1>{title}</h1>
      {!code && <p className="notice">{o('today.noOffice')}</p>}
      <CheckInBox officeCode={code} />

      <section aria-labelledby="day-title">
        <h2 id="day-title">{date ? formatDate(date) : o('loading')}</h2>
        <div className="day-picker">
          <div className="field">
            <label className="field__label" htmlFor="day-date">
              {o('today.date')}
            </label>
            {today && (
              <p className="field__hint" id="day-date-hint">
                {o('today.dateHint', { today: formatDate(today) })}
              </p>
            )}
            <input
              id="day-date"
              type="date"
              value={date ?? ''}
              aria-describedby={today ? 'day-date-hint' : undefined}
              onChange={(e) => {
                const v = e.target.value;
                if (/^\d{4}-\d{2}-\d{2}$/.test(v)) setParams(v === today ? {} : { date: v }, { replace: true });
              }}
            />
          </div>
          <div className="actions">
            {date !== today && (
              <button type="button" className="button button--secondary" onClick={() => setParams({}, { replace: true })}>
                {o('today.showToday')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={() => void load()}>
              {o('refresh')}
            </button>
          </div>
        </div>

        {problem && <PageProblem problem={problem} onRetry={() => void load()} />}
        {!loaded && !problem && <Loading />}
        {loaded && (
          <>
            {loaded.more && <p className="notice">{o('today.more')}</p>}
            <h3>{o('today.countsTitle')}</h3>
            {counts.length > 0 ? (
              <dl className="status-counts">
                {counts.map((c) => (
                  <div key={c.status}>
                    <dt>{(c.label ? i18n.tx(c.label) : '') || c.status}</dt>
                    <dd>{c.count}</dd>
                  </div>
                ))}
                <div className="status-counts__total">
                  <dt>{o('today.countsTotal')}</dt>
                  <dd>{loaded.items.length}</dd>
                </div>
              </dl>
            ) : (
              <p>{o('today.empty')}</p>
            )}
            {groups.length > 0 && <h3>{o('today.sessionsTitle')}</h3>}
            {groups.map((g) => (
              <CounterTable
                key={g.key}
                items={g.items}
                caption={g.start && g.end ? o('today.session', { start: g.start, end: g.end }) : o('today.sessionUnknown')}
                columns={['queue', 'name', 'flow', 'status']}
              />
            ))}
            {loaded.walkIns.length > 0 && (
              <>
                <h3>{o('today.walkInsTitle')}</h3>
                <CounterTable items={loaded.walkIns} caption={o('today.walkInsTitle')} hideCaption columns={['name', 'priority', 'flow', 'status']} />
              </>
            )}
          </>
        )}
      </section>
    </>
  );
}
