/** One term and its value in a `<dl className="facts">` (a group, so each pair wraps as one). */
import type { ReactNode } from 'react';

export function Fact({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
