/**
 * A small domain pack for server tests: the server side of the engine's test vocabulary
 * (machines/fixtures/vocabulary.ts: hooks reserve, weigh, confirmSlot, checkStock; the effect
 * releaseHold; the delay slotEnd, which fires at context.slot.endsAt). No server ships it; a test
 * installs it beside the real packs (`installPacks(passportPack, testPack)`) and hands the result
 * to `startTestServer({packs})`.
 *
 * `reserve` holds a slot ending an hour after the event, or, when the event's data says
 * `slotless: true`, a slot without an end (`{slot: {}}`): the way to make a flow meet a registry
 * delay or hook whose context is missing at run time.
 */
import { ContextMissingError } from '#machines/errors.ts';
import { testVocabulary } from '#machines/fixtures/vocabulary.ts';
import { isRecord } from '#machines/object-path.ts';
import type { DomainPack } from '../pack.ts';

const HOUR_MS = 3_600_000;

/** What the test pack's effect did, by application (tests read and clear it). */
export const releasedHolds: string[] = [];

export const testPack: DomainPack<typeof testVocabulary> = {
  name: 'test',
  vocabulary: testVocabulary,
  hooks: {
    reserve: async ({ event }) => {
      if (isRecord(event.data) && event.data.slotless === true) return { slot: {} };
      return { slot: { endsAt: new Date(Date.parse(event.now) + HOUR_MS).toISOString() } };
    },
    weigh: async () => ({ weight: 1200 }),
    confirmSlot: async ({ snapshot }) => {
      const context = (snapshot.context ?? {}) as Record<string, unknown>;
      const slot = isRecord(context.slot) ? context.slot : {};
      if (typeof slot.endsAt !== 'string') throw new ContextMissingError("hook 'confirmSlot'", 'slot.endsAt', 'the application holds no slot');
      return { confirmed: true };
    },
    checkStock: async () => ({}),
  },
  effects: {
    releaseHold: async (ctx) => {
      releasedHolds.push(ctx.applicationId);
      return false;
    },
  },
};
