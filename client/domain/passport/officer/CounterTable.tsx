/** The counter's applications as a table (queue number, name, service, priority, pickup date, status), and the walk-in priority in words. */
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../lib/i18n.ts';
import { StatusBadge, workPath } from '../../../staff/officer/parts.tsx';
import { formatQueueNumber } from '../format.ts';
import type { CounterItem } from './counter.ts';
import { counterTexts, useCounterText } from './texts.ts';

export function usePriorityLabel(): (p: string | null | undefined) => string {
  const o = useCounterText();
  return (p) => {
    const key = `priority.${p ?? 'none'}`;
    return counterTexts.has(key) ? o(key) : (p ?? '');
  };
}

type Column = 'queue' | 'name' | 'flow' | 'status' | 'priority' | 'pickup';

/**
 * Applications as a table with headers; the name opens the work page. Wide tables scroll inside
 * their own focusable region (never the page) on a phone.
 */
export function CounterTable({
  items,
  caption,
  columns,
  action,
  hideCaption = false,
}: {
  items: readonly CounterItem[];
  caption: string;
  /** The caption repeats a visible heading: kept for screen readers only. */
  hideCaption?: boolean;
  columns: readonly Column[];
  action?: (item: CounterItem) => ReactNode;
}) {
  const o = useCounterText();
  const { tx, formatDate } = useI18n();
  const priority = usePriorityLabel();
  const captionId = useId();
  const name = (i: CounterItem) => i.applicantName || o('noName');
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="work-table">
        <caption id={captionId} className={hideCaption ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.includes('queue') && <th scope="col">{o('col.queue')}</th>}
            {columns.includes('name') && <th scope="col">{o('col.name')}</th>}
            {columns.includes('flow') && <th scope="col">{o('col.flow')}</th>}
            {columns.includes('priority') && <th scope="col">{o('col.priority')}</th>}
            {columns.includes('pickup') && <th scope="col">{o('col.pickup')}</th>}
            {columns.includes('status') && <th scope="col">{o('col.status')}</th>}
            {action && <th scope="col">{o('col.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              {columns.includes('queue') && <td className="work-table__num">{formatQueueNumber(i.queueNumber) || '–'}</td>}
              {columns.includes('name') && (
                <th scope="row">
                  <Link to={workPath(i.id)}>{name(i)}</Link>
                </th>
              )}
              {columns.includes('flow') && <td>{tx(i.title) || i.flow}</td>}
              {columns.includes('priority') && <td>{priority(i.walkInPriority)}</td>}
              {columns.includes('pickup') && <td>{i.pickupDate ? formatDate(i.pickupDate) : '–'}</td>}
              {columns.includes('status') && (
                <td>
                  <StatusBadge status={i.status} label={i.statusLabel} />
                </td>
              )}
              {action && <td>{action(i)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
