/**
 * The server's composition root for domain packs: the one file outside a pack's own folder that
 * names a pack (an ESLint rule keeps every other generic file from importing one). It joins each
 * pack's vocabulary to the generic one and collects the implementations; a registry name defined
 * twice, or a hook or effect without exactly one implementation, does not compile.
 */
import { composeRegistry, genericVocabulary, type Disjoint } from '#machines/registry.ts';
import { passportPack } from './domain/passport/pack.ts';
import type { DomainPack, ServerPacks } from './pack.ts';
import { genericEffects } from './runtime/effects.ts';
import type { EffectHandler, Hook, Precheck } from './runtime/pack.ts';

type VocabularyOf<P> = P extends DomainPack<infer V> ? V : never;
type Vocabularies<P extends readonly unknown[]> = { [K in keyof P]: VocabularyOf<P[K]> };

/** The packs joined: their registry, hooks and effects (the generic `notify` included). */
export function installPacks<const P extends readonly DomainPack<any>[]>( // eslint-disable-line @typescript-eslint/no-explicit-any
  ...packs: P & Disjoint<[typeof genericVocabulary, ...Vocabularies<P>]>
): ServerPacks {
  const list = packs as readonly DomainPack[];
  const registry = composeRegistry(genericVocabulary, ...list.map((p) => p.vocabulary));
  const hooks: Record<string, Hook> = {};
  const effects: Record<string, EffectHandler> = {};
  const prechecks: Record<string, Precheck> = {};
  const installed: ServerPacks = { packs: list, registry, hooks, effects, prechecks };
  Object.assign(effects, genericEffects(installed));
  for (const pack of list) {
    Object.assign(hooks, pack.hooks);
    Object.assign(effects, pack.effects);
    Object.assign(prechecks, pack.prechecks ?? {});
  }
  return installed;
}

/** What this server runs: the generic engine and the passport pack. */
export const installedPacks: ServerPacks = installPacks(passportPack);
