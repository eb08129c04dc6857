/**
 * The web app's composition root for domain packs: the registry the policy editor validates,
 * completes and simulates drafts with (the generic vocabulary and every installed pack's, as the
 * server's server/packs.ts joins them), and the packs' client parts, which main.tsx provides to
 * the generic pages (lib/packs.tsx). The only file outside a pack's own folders that may import a
 * pack (an ESLint rule says so).
 */
import { composeRegistry, genericVocabulary, type Registry } from '#machines/registry.ts';
import { passportVocabulary } from '#server/domain/passport/vocabulary.ts';
import { passportClientPack } from '../domain/passport/pack.ts';
import type { ClientPack } from '../lib/packs.tsx';

/** The generic vocabulary and the passport pack's. */
export const registry: Registry = composeRegistry(genericVocabulary, passportVocabulary);

/** The installed packs' parts of the web app. */
export const clientPacks: readonly ClientPack[] = [passportClientPack];
