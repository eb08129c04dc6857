/**
 * The passport pack's `"ui:field": "schedule"` on the schedule form's root: office, date and
 * session picked from the real availability instead of typed codes. The data stays
 * `{officeCode, date, session}`. Loaded lazily (pack.ts), with the form that names it.
 *
 * - Office: a select from `GET /api/offices` (city and name), with its address and time zone.
 * - Date: two weeks at a time from today in the office's time zone (one availability request
 *   each, with the application's flow and passport type), every day saying its free places or why
 *   it cannot be booked. Native radios: Tab into the group, arrows move between open days.
 * - Session: radios with the time, zone and places left.
 * - Nothing free in the two weeks: the nearest offices with places, as buttons that switch to them.
 *
 * Errors from the server's 422 (`/officeCode`, `/date`, `/session`) show at their control; the
 * error summary's links reach them (ids `<prefix>_officeCode`, `_date`, `_session`).
 */
import type { FieldProps, RJSFSchema } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiProblem } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import { isRecord } from '../../lib/json-pointer.ts';
import {
  addDays,
  dayModels,
  longDate,
  mediumDate,
  todayIn,
  WINDOW_DAYS,
  windowStartFor,
  zoneName,
  type Availability,
  type DayModel,
  type NearestOffice,
  type Office,
} from './schedule.ts';
import { devInfo, serverNow } from '../../lib/server-clock.ts';
import { formContextOf } from '../../components/widgets/context.ts';
import { usePassportText } from './texts.ts';
import './schedule.css';

type Data = { officeCode?: string; date?: string; session?: string };

let officeList: Promise<Office[]> | null = null;
/** The offices, once per page load (a failure is not kept). */
function loadOffices(): Promise<Office[]> {
  officeList ??= api<Office[]>('/api/offices').catch((err: unknown) => {
    officeList = null;
    throw err;
  });
  return officeList;
}

/** Availability answers kept for a minute, so paging back and forth costs no requests. */
const cache = new Map<string, { at: number; value: Availability }>();
const CACHE_MS = 60_000;

const PASSPORT_TYPES = new Set(['ordinary', 'electronic']);

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const errorsAt = (errorSchema: unknown, key: string): string[] => {
  const node = isRecord(errorSchema) ? errorSchema[key] : undefined;
  const list = isRecord(node) ? node.__errors : undefined;
  return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
};

export function ScheduleField(props: FieldProps<Data, RJSFSchema>) {
  const { formData, onChange, errorSchema, fieldPathId, schema, uiSchema, registry, disabled, readonly } = props;
  const { t, tx, lang } = useI18n();
  const p = usePassportText();
  const ctx = formContextOf(registry);
  const value: Data = isRecord(formData) ? formData : {};
  const officeCode = str(value.officeCode);
  const date = str(value.date);
  const session = str(value.session);
  const passportType = str(ctx.data?.passportType);
  const flow = str(ctx.flow);
  const locked = Boolean(disabled || readonly);

  const rootId = fieldPathId.$id;
  const ids = { office: `${rootId}_officeCode`, date: `${rootId}_date`, session: `${rootId}_session` };
  const props$ = isRecord(schema.properties) ? schema.properties : {};
  const titleOf = (key: string) => {
    const ui = isRecord(uiSchema?.[key]) ? (uiSchema[key] as Record<string, unknown>) : {};
    const p = isRecord(props$[key]) ? props$[key] : {};
    return str(ui['ui:title']) ?? str(p.title) ?? key;
  };
  const helpOf = (key: string) => {
    const ui = isRecord(uiSchema?.[key]) ? (uiSchema[key] as Record<string, unknown>) : {};
    return str(ui['ui:help']);
  };
  const description = str(uiSchema?.['ui:description']) ?? str(schema.description);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);

  const [offices, setOffices] = useState<Office[] | null>(null);
  const [officesProblem, setOfficesProblem] = useState<ApiProblem | null>(null);
  const [clockReady, setClockReady] = useState(false);
  /** Per office: the first day shown, and today there (the server's word once it has answered). */
  const [windows, setWindows] = useState<Record<string, { start: string; today: string }>>({});
  const [answer, setAnswer] = useState<{ key: string; value: Availability } | null>(null);
  const [availProblem, setAvailProblem] = useState<ApiProblem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const daysRef = useRef<HTMLFieldSetElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const focusDaysNext = useRef(false);
  /** Steps taken past this device's "today" after the server said it was too early (at most 3). */
  const retried = useRef(new Set<string>());
  const [attempt, setAttempt] = useState(0);

  const fetchOffices = useCallback(() => {
    setOfficesProblem(null);
    loadOffices().then(setOffices, (err: unknown) => {
      if (err instanceof ApiProblem) setOfficesProblem(err);
    });
  }, []);
  useEffect(() => {
    fetchOffices();
    // "Today" follows the server's clock (which moves on its own outside production).
    void devInfo().then(() => setClockReady(true));
  }, [fetchOffices]);

  const sorted = useMemo(() => (offices ? [...offices].sort((a, b) => a.city.localeCompare(b.city, 'id') || a.name.localeCompare(b.name, 'id')) : []), [offices]);
  const office = offices?.find((o) => o.code === officeCode);
  const timeZone = office?.timeZone ?? 'Asia/Jakarta';

  const win = officeCode ? windows[officeCode] : undefined;
  const today = win?.today ?? (office ? todayIn(office.timeZone, serverNow()) : '');
  const start = win?.start ?? (today ? windowStartFor(today, date) : '');
  const to = start ? addDays(start, WINDOW_DAYS - 1) : '';
  const query = officeCode && start && clockReady ? { officeCode, from: start, to } : null;
  const key = query ? [query.officeCode, query.from, query.to, flow ?? '', passportType ?? ''].join('|') : '';

  const setWindow = (code: string, next: { start: string; today: string }) => setWindows((w) => ({ ...w, [code]: next }));

  useEffect(() => {
    if (!query) return;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) {
      setAnswer({ key, value: hit.value });
      return;
    }
    const controller = new AbortController();
    setAvailProblem(null);
    const params = new URLSearchParams({ from: query.from, to: query.to });
    if (flow) params.set('flow', flow);
    if (passportType && PASSPORT_TYPES.has(passportType)) params.set('passportType', passportType);
    api<Availability>(`/api/offices/${encodeURIComponent(query.officeCode)}/availability?${params}`, { signal: controller.signal }).then(
      (value) => {
        cache.set(key, { at: Date.now(), value });
        setAnswer({ key, value });
        // The server's today wins over this device's clock.
        if (value.today && value.today !== today) setWindow(query.officeCode, { start: query.from < value.today ? value.today : query.from, today: value.today });
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (!(err instanceof ApiProblem)) throw err;
        // This device's "today" can be behind the office's: step one day forward, once.
        if (err.status === 422 && err.errors.some((e) => e.pointer === '/from') && !retried.current.has(key) && retried.current.size < 3) {
          retried.current.add(key);
          setWindow(query.officeCode, { start: addDays(query.from, 1), today: addDays(today, 1) });
          return;
        }
        setAvailProblem(err);
      },
    );
    return () => controller.abort();
    // NOTE: `key` stands for the query (`attempt` for a retry); `today` is only compared with the answer.
  }, [key, attempt]);

  const availability = answer?.key === key ? answer.value : null;
  const days = useMemo(() => (availability ? dayModels(availability, { lang, timeZone, today, tx }) : []), [availability, lang, timeZone, today, tx]);
  const chosenDay = days.find((d) => d.date === date);

  useEffect(() => {
    if (availability && focusDaysNext.current) {
      focusDaysNext.current = false;
      daysRef.current?.focus();
    }
  }, [availability]);

  const set = (next: Data) => onChange({ ...value, ...next }, []);

  const chooseOffice = (code: string) => {
    set({ officeCode: code || undefined, date: undefined, session: undefined });
  };

  const page = (direction: 1 | -1) => {
    if (!officeCode || !start) return;
    const next = direction > 0 ? addDays(start, WINDOW_DAYS) : addDays(start, -WINDOW_DAYS) < today ? today : addDays(start, -WINDOW_DAYS);
    setWindow(officeCode, { start: next, today });
    // The "previous" button disappears under the focus on the first window: keep focus nearby.
    if (next <= today) nextRef.current?.focus();
  };

  const chooseDate = (day: DayModel) => {
    const keep = session && day.sessions.some((s) => s.id === session && s.open) ? session : undefined;
    set({ date: day.date, session: keep });
    setAnnouncement(p('sched.daySessions', { date: longDate(day.date, lang) }));
  };

  const switchTo = (n: NearestOffice) => {
    const nearToday = todayIn(n.timeZone, serverNow());
    setWindow(n.code, { start: windowStartFor(nearToday, n.firstFreeDate), today: nearToday });
    set({ officeCode: n.code, date: undefined, session: undefined });
    setAnnouncement(p('sched.switched', { name: n.name }));
    focusDaysNext.current = true;
  };

  const officeErrors = errorsAt(errorSchema, 'officeCode');
  const dateErrors = errorsAt(errorSchema, 'date');
  const sessionErrors = errorsAt(errorSchema, 'session');
  const km = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 0 });
  const chosenSession = chosenDay?.sessions.find((s) => s.id === session);

  return (
    <div className="schedule">
      {description && <p className="field-description">{description}</p>}

      <div className={`form-group field${officeErrors.length ? ' field--error' : ''}`}>
        <label className="control-label" htmlFor={ids.office}>
          {titleOf('officeCode')}
          {required.has('officeCode') && <span className="required">*</span>}
        </label>
        <Help id={`${ids.office}__help`} text={helpOf('officeCode')} />
        <Errors id={`${ids.office}__error`} errors={officeErrors} />
        {officesProblem ? (
          <InlineProblem problem={officesProblem} onRetry={fetchOffices} />
        ) : (
          <select
            id={ids.office}
            value={officeCode ?? ''}
            disabled={locked || !offices}
            aria-invalid={officeErrors.length > 0 || undefined}
            aria-describedby={`${ids.office}__error ${ids.office}__help ${ids.office}__where`}
            aria-busy={!offices || undefined}
            onChange={(e) => chooseOffice(e.currentTarget.value)}
          >
            <option value="">{offices ? p('sched.chooseOffice') : t('common.loading')}</option>
            {sorted.map((o) => (
              <option key={o.code} value={o.code}>
                {`${o.city} · ${o.name}`}
              </option>
            ))}
            {officeCode && offices && !office && <option value={officeCode}>{officeCode}</option>}
          </select>
        )}
        {office && (
          <p className="schedule__where" id={`${ids.office}__where`}>
            {p('sched.officeWhere', { address: office.address, zone: zoneName(office.timeZone) })}
          </p>
        )}
      </div>

      <fieldset
        ref={daysRef}
        id={ids.date}
        tabIndex={-1}
        className={`form-group schedule__days${dateErrors.length ? ' field--error' : ''}`}
        aria-describedby={`${ids.date}__error ${ids.date}__help`}
      >
        <legend>
          {titleOf('date')}
          {required.has('date') && <span className="required">*</span>}
        </legend>
        <Help id={`${ids.date}__help`} text={helpOf('date')} />
        <Errors id={`${ids.date}__error`} errors={dateErrors} />

        {!officeCode ? (
          <p className="form__note">{p('sched.officeFirst')}</p>
        ) : (
          <>
            <div className="schedule__nav">
              {start > today && (
                <button type="button" className="button button--secondary" onClick={() => page(-1)}>
                  <span aria-hidden="true">‹{'\u00a0'}</span>
                  {p('sched.prev')}
                </button>
              )}
              <button ref={nextRef} type="button" className="button button--secondary" onClick={() => page(1)} disabled={!start}>
                {p('sched.next')}
                <span aria-hidden="true">{'\u00a0'}›</span>
              </button>
            </div>
            {start && (
              <p className="schedule__range" aria-live="polite">
                {p('sched.range', { from: mediumDate(start, lang), to: mediumDate(to, lang) })}
              </p>
            )}

            {availability?.placesOpen && <p className="notice">{tx(availability.placesOpen.message)}</p>}

            {availability?.warnings?.map((w) => (
              <p key={w.code} className="notice notice--warning">
                {tx(w.message)}
              </p>
            ))}

            {availProblem ? (
              <InlineProblem problem={availProblem} onRetry={() => setAttempt((n) => n + 1)} />
            ) : !availability ? (
              <p className="loading" role="status">
                {p('sched.loading')}
              </p>
            ) : (
              <div className="days">
                {days.map((d) => {
                  const radioId = `${rootId}-day-${d.date}`;
                  return (
                    <div key={d.date} className={`day${d.open ? '' : ' day--closed'}${d.isToday ? ' day--today' : ''}`}>
                      <input
                        type="radio"
                        id={radioId}
                        name={`${rootId}-date`}
                        value={d.date}
                        checked={date === d.date}
                        disabled={locked || !d.open}
                        onChange={() => chooseDate(d)}
                      />
                      <label htmlFor={radioId}>
                        <span className="day__date" aria-hidden="true">
                          <span className="day__weekday">{d.weekday}</span> <span className="day__num">{d.day}</span> {d.month}
                        </span>
                        <span className="day__status" aria-hidden="true">
                          {d.status}
                        </span>
                        <span className="visually-hidden">{d.label}</span>
                      </label>
                    </div>
                  );
                })}
              </div>
            )}

            {availability?.nearest && !days.some((d) => d.open) && (
              <div className="schedule__nearest notice">
                <p>
                  {p('sched.noneInRange', {
                    office: office?.name ?? officeCode,
                    from: mediumDate(availability.from, lang),
                    to: mediumDate(availability.to, lang),
                  })}
                </p>
                {availability.nearest.length > 0 && (
                  <>
                    <p id={`${rootId}-nearest`}>{p('sched.nearest')}</p>
                    <ul className="schedule__nearest-list" aria-labelledby={`${rootId}-nearest`}>
                      {availability.nearest.map((n) => (
                        <li key={n.code}>
                          <button type="button" className="button button--secondary" disabled={locked} onClick={() => switchTo(n)}>
                            {p('sched.nearestButton', { city: n.city, date: longDate(n.firstFreeDate, lang), km: km.format(n.distanceKm) })}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )}
          </>
        )}
      </fieldset>

      <fieldset
        id={ids.session}
        tabIndex={-1}
        className={`form-group schedule__sessions${sessionErrors.length ? ' field--error' : ''}`}
        aria-describedby={`${ids.session}__error ${ids.session}__help`}
      >
        <legend>
          {titleOf('session')}
          {required.has('session') && <span className="required">*</span>}
        </legend>
        <Help id={`${ids.session}__help`} text={helpOf('session')} />
        <Errors id={`${ids.session}__error`} errors={sessionErrors} />
        {chosenDay ? (
          <div className="sessions">
            {chosenDay.sessions.map((s) => {
              const radioId = `${rootId}-session-${s.id}`;
              return (
                <div key={s.id} className={`session${s.open ? '' : ' session--closed'}`}>
                  <input
                    type="radio"
                    id={radioId}
                    name={`${rootId}-session`}
                    value={s.id}
                    checked={session === s.id}
                    disabled={locked || !s.open}
                    onChange={() => set({ session: s.id })}
                  />
                  <label htmlFor={radioId}>
                    <span className="session__name">{s.name}</span>
                    <span className="session__status">{s.status}</span>
                  </label>
                </div>
              );
            })}
          </div>
        ) : (
          <p className="form__note">{p('sched.dateFirst')}</p>
        )}
      </fieldset>

      {office && date && session && (
        <p className="schedule__chosen notice notice--success">
          {p('sched.chosen', { office: office.name, date: longDate(date, lang, true), session: chosenSession?.name ?? session })}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function Help({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p className="help-block" id={id}>
      {text}
    </p>
  ) : null;
}

function Errors({ id, errors }: { id: string; errors: string[] }) {
  const { t } = useI18n();
  if (!errors.length) return null;
  return (
    <ul className="error-detail" id={id}>
      {errors.map((e, i) => (
        <li key={i} className="text-danger">
          <span className="visually-hidden">{t('error.errorPrefix')} </span>
          {e}
        </li>
      ))}
    </ul>
  );
}

function InlineProblem({ problem, onRetry }: { problem: ApiProblem; onRetry: () => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="field__error" role="alert">
      <p>{problem.detail ?? problem.title}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
