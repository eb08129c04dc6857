/**
 * Runs the draft in the browser with the server's own pure code: the machine built from the
 * registry of the installed packs (client/app/registry.ts; `createFlowMachine`, what `buildFlow` does
 * after validating), `start`, `apply`, `allowedEvents`, `formFor`. The server's hooks cannot run
 * here; their facts are the samples their packs give (sample JSON the user may change), and the
 * page says so. Timers are listed with their due time and fired by hand (the
 * simulated clock jumps to them). Form data is not checked against the form here (the server does).
 */
import { useMemo, useState } from 'react';
import { registry } from '../../app/registry.ts';
import { StepForm } from '../../components/StepForm.tsx';
import { useI18n } from '../../lib/i18n.ts';
import type { FormView } from '../../lib/types.ts';
import type { Flow } from '../../../machines/build.ts';
import { createFlowMachine } from '../../../machines/machine-config.ts';
import { activeNodes, allowedEvents, apply, isFinal, labelOf, restore, start, type OfferedEvent } from '../../../machines/engine.ts';
import { isRecord } from '../../../machines/object-path.ts';
import type { Effect, FlowBundle, Role, StateMeta } from '../../../machines/types.ts';
import { parseJson, pretty, withoutAutofocus } from './model.ts';
import { sampleFacts } from './sample-facts.ts';
import { StatechartPanel } from './StatechartPanel.tsx';
import { texts } from './texts.ts';

type Timer = { id: string; dueAt: string; type: string };
type Run = { snapshot: unknown; state: string; status: string; now: string; timers: Timer[]; log: string[] };

function hookOf(flow: Flow, snapshot: unknown, type: string): string | null {
  for (const node of activeNodes(flow, restore(flow, snapshot))) {
    const hook = (node.meta as StateMeta | undefined)?.events?.[type]?.hook;
    if (hook) return hook.type;
  }
  return null;
}

function timersAfter(timers: Timer[], effects: Effect[]): Timer[] {
  let next = [...timers];
  for (const e of effects) {
    if (e.kind === 'disarm') next = next.filter((x) => x.id !== e.id);
    if (e.kind === 'arm') next = [...next.filter((x) => x.id !== e.id), { id: e.id, dueAt: e.dueAt, type: e.event.type }];
  }
  return next.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

const effectText = (effects: Effect[]) =>
  effects
    .filter((e) => e.kind === 'action')
    .map((e) => (e.kind === 'action' ? `${e.type}${Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}` : ''))
    .join(', ');

export function Simulator({ bundle }: { bundle: FlowBundle | null }) {
  const t = texts.useText();
  const { tx } = useI18n();
  const built = useMemo(() => {
    if (!bundle) return null;
    // NOTE: buildFlow would validate first, and the validator compiles JSON Schemas with Ajv, which
    // the page's Content-Security-Policy (no 'unsafe-eval') forbids; the server's validator has
    // the last word (the findings above), so the machine is built from the registry directly.
    try {
      const copy = structuredClone(bundle);
      return { bundle: copy, machine: createFlowMachine(copy.definition, registry), registry } satisfies Flow;
    } catch {
      return null;
    }
  }, [bundle]);
  const [run, setRun] = useState<Run | null>(null);
  const [runFor, setRunFor] = useState<Flow | null>(null);

  if (!built) return <p className="policy-note">{t('sim.invalid')}</p>;
  const policy = built.bundle.definition.policy as Record<string, unknown>;

  const begin = (): Run => {
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const step = start(built, { applicationId: 'simulasi', ownerId: 'pemohon-contoh' }, now, { id: 'pemohon-contoh', role: 'applicant' });
    return { snapshot: step.snapshot, state: step.state, status: step.status, now, timers: timersAfter([], step.effects), log: [`START → ${step.state}`] };
  };
  // A new draft text restarts the run (the old snapshot may not fit the new machine).
  const current = runFor === built && run ? run : null;
  const r = current ?? begin();
  if (!current) {
    setRunFor(built);
    setRun(r);
  }

  const send = (type: string, role: Role | 'system', data: Record<string, unknown>, facts: Record<string, unknown> | undefined, now = r.now) => {
    const result = apply(built, r.snapshot, { type, data, ...(facts ? { facts } : {}), now, actor: { id: 'sim', role } });
    if (!result.accepted) {
      setRun({ ...r, now, log: [...r.log, t('sim.refused', { event: type, state: result.from, allowed: result.allowed.join(', ') || '—' })] });
      return;
    }
    const { step } = result;
    const effects = effectText(step.effects);
    setRun({
      snapshot: step.snapshot,
      state: step.state,
      status: step.status,
      now,
      timers: timersAfter(r.timers, step.effects),
      log: [...r.log, `${type} (${role}) ${result.from} → ${step.state}${effects ? `; ${t('sim.effect', { effects })}` : ''}`],
    });
  };

  const snapshot = restore(built, r.snapshot);
  const final = isFinal(snapshot);
  const label = labelOf(built, snapshot);
  const events = allowedEvents(built, snapshot);

  return (
    <section aria-labelledby="policy-sim-heading" className="policy-sim">
      <h2 id="policy-sim-heading">{t('sim.title')}</h2>
      <p className="policy-muted">{t('sim.intro')}</p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => setRun(begin())}>
          {t('sim.start')}
        </button>
      </p>
      <dl className="policy-facts">
        <dt>{t('sim.state')}</dt>
        <dd>
          <code data-testid="sim-state">{r.state}</code> {label && `(${tx(label)})`}
        </dd>
        <dt>{t('sim.status')}</dt>
        <dd>{r.status}</dd>
        <dt>{t('sim.now')}</dt>
        <dd>{r.now}</dd>
      </dl>
      {final && <p role="status">{t('sim.final')}</p>}

      <div className="policy-split">
        <div className="policy-split__main">
          <h3>{t('sim.events')}</h3>
          {events.length === 0 && <p>{t('sim.noEvents')}</p>}
          {events.map((e) => (
            <SimEvent key={`${r.state}-${e.type}`} flow={built} event={e} hook={hookOf(built, r.snapshot, e.type)} policy={policy} now={r.now} onSend={send} />
          ))}
          {r.timers.length > 0 && (
            <>
              <h3>{t('sim.timers')}</h3>
              <ul className="policy-timers">
                {r.timers.map((timer) => (
                  <li key={timer.id}>
                    <code>{timer.type}</code> — {timer.dueAt}{' '}
                    <button
                      type="button"
                      className="button button--secondary policy-small"
                      onClick={() => send(timer.type, 'system', {}, undefined, timer.dueAt > r.now ? timer.dueAt : r.now)}
                    >
                      {t('sim.fire', { timer: timer.id.split('.').slice(-2).join('.') })}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="policy-split__side">
          <StatechartPanel machine={built.bundle.definition.machine} title={tx(built.bundle.definition.title)} current={[r.state]} height={420} />
          <h3 id="policy-sim-log">{t('sim.log')}</h3>
          <ol className="policy-log" tabIndex={0} aria-labelledby="policy-sim-log">
            {r.log.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

function SimEvent({
  flow,
  event,
  hook,
  policy,
  now,
  onSend,
}: {
  flow: Flow;
  event: OfferedEvent;
  hook: string | null;
  policy: Record<string, unknown>;
  now: string;
  onSend: (type: string, role: Role | 'system', data: Record<string, unknown>, facts: Record<string, unknown> | undefined) => void;
}) {
  const t = texts.useText();
  const { tx } = useI18n();
  const [data, setData] = useState<Record<string, unknown>>({});
  const [dataText, setDataText] = useState('{}');
  const [factsText, setFactsText] = useState(() => (hook ? pretty(sampleFacts(flow.registry, hook, policy, now)) : ''));
  const role: Role | 'system' = event.roles[0] ?? 'system';
  const source = event.form ? (flow.bundle.forms[event.form] as FormView | undefined) : undefined;
  const form = source ? withoutAutofocus(source) : undefined;
  const id = `sim-${event.type}`;
  const go = (payload: Record<string, unknown>) => {
    const facts = hook ? parseJson(factsText) : null;
    onSend(event.type, role, payload, facts?.ok && isRecord(facts.value) ? facts.value : undefined);
  };
  const raw = parseJson(dataText);
  return (
    <div className="panel policy-sim-event" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        <code>{event.type}</code> {event.label && `— ${tx(event.label)}`}{' '}
        <span className="policy-muted">{t('sim.roles', { roles: event.roles.length ? event.roles.join(', ') : t('sim.system') })}</span>
      </h4>
      {hook && (
        <p>
          <label htmlFor={`${id}-facts`}>{t('sim.hook', { hook })}</label>
          <textarea id={`${id}-facts`} className="policy-textarea" rows={5} value={factsText} onChange={(e) => setFactsText(e.target.value)} />
        </p>
      )}
      {form ? (
        <StepForm form={form} formData={data} onChange={setData} onSubmit={(d) => go(d)} serverProblem={null} submitLabel={t('sim.send', { event: event.type })} busy={false} />
      ) : (
        <>
          <p>
            <label htmlFor={`${id}-data`}>{t('sim.data')}</label>
            <textarea id={`${id}-data`} className="policy-textarea" rows={2} value={dataText} onChange={(e) => setDataText(e.target.value)} />
          </p>
          <button type="button" className="button" disabled={!raw.ok} onClick={() => go(raw.ok && isRecord(raw.value) ? raw.value : {})}>
            {t('sim.send', { event: event.type })}
          </button>
        </>
      )}
    </div>
  );
}
