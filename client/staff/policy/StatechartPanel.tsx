/** The statechart of the definition as typed, drawn by the shared diagram (client/staff/statechart), and in the simulator with the current state marked. */
import { useDeferredValue } from 'react';
import { useI18n } from '../../lib/i18n.ts';
import { StatechartView } from '../statechart/StatechartView.tsx';

export function StatechartPanel({ machine, title, current, height }: { machine: unknown; title: string; current?: readonly string[]; height?: number }) {
  const { lang } = useI18n();
  // NOTE: laying out on every keystroke would be wasted work; React draws the latest text when idle.
  const deferred = useDeferredValue(machine);
  return <StatechartView machine={deferred} lang={lang} title={title} {...(current ? { current } : {})} {...(height ? { height } : {})} />;
}
