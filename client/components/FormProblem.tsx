/** The error summary of a hand-written form: the problem's title, detail and per-field errors. */
import type { ReactNode } from 'react';
import type { ApiProblem } from '../lib/api.ts';
import type { SummaryItem } from '../lib/form-errors.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

type Props = { problem: ApiProblem; attempt: number; items: SummaryItem[]; children?: ReactNode };

export function FormProblem({ problem, attempt, items, children }: Props) {
  // NOTE: some problems repeat a field's message as their detail; say it once.
  const detail = items.some((i) => i.text === problem.detail) ? undefined : problem.detail;
  return (
    <ErrorSummary key={attempt} title={problem.title} detail={detail} items={items}>
      {children}
    </ErrorSummary>
  );
}
