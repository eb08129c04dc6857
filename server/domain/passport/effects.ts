/** The passport effects: what the runtime does, in the event's transaction, when a bill lapses or an application is cancelled. */
import type { EffectHandler, EffectNames } from '../../runtime/pack.ts';
import { releasePlaces } from './booking.ts';
import { leaveDraws } from './draws.ts';
import { expireBill } from './payments.ts';
import type { passportVocabulary } from './vocabulary.ts';

/** `releaseSlot`: gives back the place the application holds (expiry, cancellation). */
const releaseSlot: EffectHandler = async (ctx) => {
  await releasePlaces(ctx.tx, ctx.applicationId, ctx.now.toISOString());
  return false;
};

/** `expirePayment`: the pending bill expires; a payment after this is recorded and flagged. */
const expirePayment: EffectHandler = async (ctx) => {
  await expireBill(ctx.tx, ctx.applicationId, ctx.now);
  return false;
};

/** `leaveDraw`: takes the application out of a draw not yet drawn (cancelled while in the draw). */
const leaveDraw: EffectHandler = async (ctx) => {
  await leaveDraws(ctx.tx, ctx.applicationId);
  return false;
};

/** The passport effects: exactly one per effect action of vocabulary.ts (a missing or an extra one does not compile). */
export const passportEffects = { releaseSlot, expirePayment, leaveDraw } satisfies { [K in EffectNames<typeof passportVocabulary>]: EffectHandler };
