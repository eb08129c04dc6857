/**
 * The web app's composition root for domain packs: the packs' client parts, which main.tsx
 * provides to the generic pages (lib/packs.tsx). With client/app/registry.ts (their vocabularies,
 * for the policy console), the only files outside a pack's own folders that may import a pack (an
 * ESLint rule says so).
 */
import { passportClientPack } from '../domain/passport/pack.ts';
import type { ClientPack } from '../lib/packs.tsx';

/** The installed packs' parts of the web app. */
export const clientPacks: readonly ClientPack[] = [passportClientPack];
