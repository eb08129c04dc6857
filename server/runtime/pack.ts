/**
 * What the runtime asks of a domain pack (DESIGN.md "The engine and its domain packs"): the
 * implementations of the hooks and effects its vocabulary names, exactly one per name (the types
 * below make a missing or an extra one a compile error), and the few places where a family of
 * permits shows more than its definition can say: view extras, list columns and filters, who
 * hears about an application, why an application is out of reach, what its public summary adds.
 * The runtime never imports a pack: packs are joined in server/packs.ts and handed in.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import type { EffectEntry, Vocabulary } from '#machines/registry.ts';
import type { EngineEvent } from '#machines/types.ts';
import type { SessionUser } from '../accounts/types.ts';
import type { SqlRunner } from '../db/sql.ts';
import type { DomainError } from '../errors.ts';
import type { ApplicationRow } from './event-store.ts';

/** What a hook runs with: inside the event's transaction, before the transition. */
export type HookContext = {
  tx: SqlRunner;
  flow: Flow;
  application: ApplicationRow;
  snapshot: AnyMachineSnapshot;
  event: EngineEvent;
  params: Record<string, unknown>;
  /** The user sending the event; null for the system (timers, payment notices). */
  user: SessionUser | null;
};
/** What a hook establishes for the event: logged and hashed with it, replayed from the log. */
export type Facts = Record<string, unknown>;
/** A hook: returns the facts, or throws a typed DomainError (nothing is written then). */
export type Hook = (ctx: HookContext) => Promise<Facts>;

/**
 * What a precheck runs with: before the event's transaction (plain reads through the driver, the
 * application as last committed), and again first thing inside it, before the restore (`sql` is
 * then the transaction). The event has passed the cheap checks the
 * runtime can make without restoring the snapshot (the state handles it, the user's role and
 * group may send it); its data is not validated yet.
 */
export type PrecheckContext = {
  sql: SqlRunner;
  flow: Flow;
  application: ApplicationRow;
  event: { type: string; data: Record<string, unknown> };
  params: Record<string, unknown>;
  user: SessionUser;
};
/**
 * A hook's precheck: "can this event possibly succeed?", asked before the expensive work (the
 * transaction, the restore, validation, hashing) so that a burst of attempts that must fail (a
 * full session in a quota rush) is refused cheaply. It throws the typed error the hook itself
 * would throw, and only when the hook would certainly throw it; anything it lets through goes the
 * full way and the hook decides inside the transaction (so a precheck can never let too much
 * through, only refuse early).
 */
export type Precheck = (ctx: PrecheckContext) => Promise<void>;

/** What an effect runs with: inside the event's transaction, after the transition. */
export type EffectContext = {
  tx: SqlRunner;
  flow: Flow;
  applicationId: string;
  ownerId: string;
  state: string;
  status: string;
  context: Record<string, unknown>;
  event: { type: string; data: unknown };
  now: Date;
};
/** An effect: does its part in the transaction; resolves to true when it queued a message. */
export type EffectHandler = (ctx: EffectContext, params: Record<string, unknown>) => Promise<boolean>;

/** Who a message about an application goes to. */
export type Recipient = { email: string; fullName: string; locale: string };

/** The names of a vocabulary's hooks. */
export type HookNames<V extends Vocabulary> = keyof V['hooks'] & string;
/** The names of a vocabulary's effect actions (those the runtime performs after the transition). */
export type EffectNames<V extends Vocabulary> = {
  [K in keyof V['actions']]: V['actions'][K] extends EffectEntry ? K : never;
}[keyof V['actions']] &
  string;

/** The generic filters of the application list a pack may give another name (`ticket` → `code`). */
export type ListFilter = 'code' | 'date';

/** A pack as the runtime sees it. */
export type RuntimePack<V extends Vocabulary = Vocabulary> = {
  /** Short name, for logs and messages. */
  name: string;
  vocabulary: V;
  /** One implementation per hook of the vocabulary. */
  hooks: { [K in HookNames<V>]: Hook };
  /** One implementation per effect action of the vocabulary. */
  effects: { [K in EffectNames<V>]: EffectHandler };
  /** Cheap early refusals for some of its hooks (see Precheck), by hook name. */
  prechecks?: { [K in HookNames<V>]?: Precheck };
  /** Fields the application view adds from the context (shapes the pack's clients rely on). */
  viewExtras?: (input: { row: ApplicationRow; context: Record<string, unknown> }) => Record<string, unknown>;
  /** Columns the application list adds per item, from the context (`staff`: the caller is staff). */
  listColumns?: (context: Record<string, unknown>, staff: boolean) => Record<string, unknown>;
  /** Query parameters of the application list the pack names, each meaning a generic filter. */
  listFilters?: Record<string, ListFilter>;
  /**
   * A user who may not see an application sent it an event: a problem that tells them what they
   * may know (a person at the wrong office), or undefined (then 404, as for anything unseen).
   */
  explainInvisible?: (input: { user: SessionUser; row: ApplicationRow; type: string; data: Record<string, unknown> }) => DomainError | undefined;
  /** Who hears about an application when it is not its owner: a recipient, null for nobody, undefined for the owner. */
  recipient?: (context: Record<string, unknown>) => Recipient | null | undefined;
  /** Fields the public flow summary (`GET /api/flows`) adds, from the published definition. */
  summary?: (flow: Flow) => Record<string, unknown>;
};

/** Every installed pack's parts, joined: what the runtime, the view and the lists use. */
export type InstalledPacks = {
  packs: readonly RuntimePack[];
  hooks: Record<string, Hook>;
  effects: Record<string, EffectHandler>;
  /** The packs' prechecks, by hook name (none when absent). */
  prechecks?: Record<string, Precheck>;
};

const namesCache = new WeakMap<Flow, Set<string>>();

/** Every registry name a flow uses: hooks, actions, guards, delays, and its forms' widgets and fields. */
function namesOf(flow: Flow): Set<string> {
  let names = namesCache.get(flow);
  if (!names) {
    const found = new Set<string>();
    const visit = (value: unknown, key?: string) => {
      if (Array.isArray(value)) value.forEach((v) => visit(v, key));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'after' && v && typeof v === 'object') for (const delay of Object.keys(v)) found.add(delay);
          visit(v, k);
        }
      } else if (typeof value === 'string' && (key === 'type' || key === 'actions' || key === 'guard' || key === 'entry' || key === 'exit' || key === 'ui:widget' || key === 'ui:field')) {
        found.add(value);
      }
    };
    visit(flow.bundle);
    names = found;
    namesCache.set(flow, names);
  }
  return names;
}

/**
 * True when the flow uses something of the pack's vocabulary (a hook, an effect, a delay, a
 * widget…): the pack's view extras, list columns and summary concern its own flows only.
 */
export function usesPack(flow: Flow, pack: Pick<RuntimePack, 'vocabulary'>): boolean {
  const names = namesOf(flow);
  const { hooks, actions, guards, delays, widgets, fields } = pack.vocabulary;
  return [hooks, actions, guards, delays, widgets, fields].some((section) => Object.keys(section).some((name) => names.has(name)));
}
