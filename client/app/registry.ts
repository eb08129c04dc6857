/**
 * The registry the policy editor validates, completes and simulates drafts with: the generic
 * vocabulary and every installed pack's, as the server's server/packs.ts joins them. A composition
 * root (it names the packs' vocabularies), kept apart from client/app/packs.ts so that only the
 * policy console, loaded lazily, carries the vocabularies, not every applicant's first page.
 */
import { composeRegistry, genericVocabulary, type Registry } from '#machines/registry.ts';
import { passportVocabulary } from '#server/domain/passport/vocabulary.ts';

/** The generic vocabulary and the passport pack's. */
export const registry: Registry = composeRegistry(genericVocabulary, passportVocabulary);
