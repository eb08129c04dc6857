/**
 * The error summary at the top of a form or page: a heading, optional detail and a list of errors
 * whose links move focus to their fields. It takes focus when it appears (give it a new `key`
 * per attempt so a repeated error is announced again).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { SummaryItem } from '../lib/form-errors.ts';
import { focusField } from '../lib/nav.ts';

type Props = {
  title: string;
  detail?: string | undefined;
  items?: readonly SummaryItem[];
  children?: ReactNode;
};

export function ErrorSummary({ title, detail, items = [], children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId} className="error-summary__title">
        {title}
      </h2>
      {detail && <p>{detail}</p>}
      {items.length > 0 && (
        <ul className="error-summary__list">
          {items.map((item, i) => (
            <li key={i}>
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  onClick={(e) => {
                    if (focusField(item.fieldId as string)) e.preventDefault();
                  }}
                >
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
