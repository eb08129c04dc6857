/**
 * The event log's hash chain: each row's hash covers its content and the previous row's hash,
 * so editing, removing or reordering any stored event breaks every hash after it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '#machines/canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type HashedEvent = {
  applicationId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  at: string;
  fromState: string | null;
  toState: string;
  /** JSON text as stored. */
  data: string;
  /** JSON text as stored, or null. */
  facts: string | null;
};

export function eventHash(prevHash: string, e: HashedEvent): string {
  const content = canonicalJson({
    applicationId: e.applicationId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    actorRole: e.actorRole,
    at: e.at,
    from: e.fromState,
    to: e.toState,
    data: JSON.parse(e.data) as unknown,
    // Facts are hashed when present, so events without them keep the hash they always had.
    ...(e.facts !== null ? { facts: JSON.parse(e.facts) as unknown } : {}),
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
