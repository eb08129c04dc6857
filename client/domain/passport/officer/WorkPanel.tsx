/**
 * The passport pack's panel on the officer's work page: who the applicant is (the name from the
 * form, or as typed at the counter for a walk-in, with the walk-in's priority and details), the
 * appointment (date, session, office, queue number and code) and the pickup date the applicant
 * was given. Nothing when the application has none of them yet.
 */
import { Fact } from '../../../components/Fact.tsx';
import { humanizeKey } from '../../../lib/answers.ts';
import { useI18n } from '../../../lib/i18n.ts';
import { isRecord } from '../../../lib/json-pointer.ts';
import type { ApplicationView } from '../../../lib/types.ts';
import { formatQueueNumber } from '../format.ts';
import { usePriorityLabel } from './CounterTable.tsx';
import { counterTexts, useCounterText } from './texts.ts';
import './counter.css';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The walk-in's details as the counter typed them, in the walk-in form's order. */
const WALK_IN_FIELDS = ['fullName', 'nik', 'phone', 'email'];

export default function PassportWorkPanel({ view }: { view: ApplicationView }) {
  const o = useCounterText();
  const { formatDate } = useI18n();
  const priority = usePriorityLabel();
  const a = isRecord(view.appointment) ? view.appointment : null;
  const walkIn = isRecord(view.walkIn) ? view.walkIn : null;
  const person = walkIn && isRecord(walkIn.applicant) ? walkIn.applicant : null;
  const name = str(view.data.fullName) || str(person?.fullName);
  const pickup = str(view.pickupDate);
  const queueNumber = formatQueueNumber(a?.queueNumber ?? view.queueNumber);
  if (!a && !walkIn && !pickup && !name) return null;
  const details = person ? Object.entries(person).filter(([k, v]) => k !== 'fullName' && str(v)) : [];
  const rank = (k: string) => (WALK_IN_FIELDS.includes(k) ? WALK_IN_FIELDS.indexOf(k) : WALK_IN_FIELDS.length);
  details.sort(([x], [y]) => rank(x) - rank(y));
  const detailLabel = (k: string) => {
    const key = `walkIn.${k}`;
    return counterTexts.has(key) ? o(key) : humanizeKey(k);
  };
  return (
    <section className="panel panel--plain counter-panel" aria-labelledby="counter-panel-title">
      <h2 id="counter-panel-title">{walkIn ? o('panel.walkIn') : a ? o('panel.appointment') : o('panel.applicant')}</h2>
      <dl className="facts">
        {name && <Fact term={o('panel.name')} value={name} />}
        {walkIn && <Fact term={o('panel.priority')} value={priority(str(walkIn.priority))} />}
        {details.map(([k, v]) => (
          <Fact key={k} term={detailLabel(k)} value={str(v)} />
        ))}
        {a && str(a.date) && <Fact term={o('panel.date')} value={formatDate(str(a.date))} />}
        {a && str(a.start) && <Fact term={o('panel.session')} value={`${str(a.start)}–${str(a.end)}${str(a.officeName) ? ` · ${str(a.officeName)}` : ''}`} />}
        {queueNumber && <Fact term={o('panel.queueNumber')} value={<strong>{queueNumber}</strong>} />}
        {a && str(a.queueCode) && <Fact term={o('panel.queueCode')} value={<span className="code">{str(a.queueCode)}</span>} />}
        {pickup && <Fact term={o('panel.pickup')} value={formatDate(pickup)} />}
      </dl>
    </section>
  );
}
