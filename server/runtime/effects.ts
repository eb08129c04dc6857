/**
 * Custom actions a transition returns (`{kind: 'action'}` effects) become outbox rows inside the
 * event's transaction, so a message is sent if and only if the event was committed.
 */
import type { Flow } from '#machines/build.ts';
import { renderTemplate } from '#machines/template.ts';
import type { Effect, Lang } from '#machines/types.ts';
import type { SqlRunner } from '../db/sql.ts';
import { releasePlaces } from '../domain/booking.ts';
import { expireBill } from '../domain/payments.ts';
import { enqueueEmail } from '../notify/outbox.ts';

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

type Handler = (ctx: EffectContext, params: Record<string, unknown>) => Promise<boolean>;

/**
 * Who hears about an application: its owner, except for a walk-in, which an officer opened for a
 * person at the counter — that person, when they left an email, else nobody.
 */
async function recipientOf(ctx: EffectContext): Promise<{ email: string; fullName: string; locale: string } | null> {
  const walkIn = ctx.context.walkIn as { applicant?: { fullName?: string; email?: string } } | undefined;
  if (walkIn) {
    const email = walkIn.applicant?.email;
    return email && /^[^@\s]+@[^@\s]+$/.test(email) ? { email, fullName: walkIn.applicant?.fullName ?? '', locale: 'id' } : null;
  }
  const owner = await ctx.tx.get<{ email: string; fullName: string; locale: string }>('SELECT "email", "fullName", "locale" FROM "User" WHERE "id" = ?', [ctx.ownerId]);
  return owner ?? null;
}

/** `notify {template}`: the definition's message, in the owner's language, to the owner's email. */
const notify: Handler = async (ctx, params) => {
  const template = ctx.flow.bundle.definition.messages?.[String(params.template)];
  if (!template) throw new Error(`notify: no message template '${String(params.template)}' in ${ctx.flow.bundle.definition.key}`);
  const owner = await recipientOf(ctx);
  if (!owner) return false; // nobody to tell (the account is gone, or a walk-in left no email)
  const lang: Lang = owner.locale === 'en' ? 'en' : 'id';
  const vars = {
    data: ctx.context.data ?? {},
    context: ctx.context,
    application: { id: ctx.applicationId, flow: ctx.flow.bundle.definition.key, state: ctx.state, status: ctx.status },
    flow: { title: ctx.flow.bundle.definition.title[lang] },
    owner: { fullName: owner.fullName, email: owner.email },
    event: ctx.event,
  };
  await enqueueEmail(
    ctx.tx,
    {
      to: owner.email,
      subject: renderTemplate(template.subject[lang], vars, { locale: lang }),
      text: renderTemplate(template.body[lang], vars, { locale: lang }),
      applicationId: ctx.applicationId,
    },
    ctx.now,
  );
  return true;
};

/** `releaseSlot`: gives back the place the application holds (expiry, cancellation). */
const releaseSlot: Handler = async (ctx) => {
  await releasePlaces(ctx.tx, ctx.applicationId, ctx.now.toISOString());
  return false;
};

/** `expirePayment`: the pending bill expires; a payment after this is recorded and flagged. */
const expirePayment: Handler = async (ctx) => {
  await expireBill(ctx.tx, ctx.applicationId, ctx.now);
  return false;
};

const handlers: Record<string, Handler> = { notify, releaseSlot, expirePayment };

/** Runs every action effect; resolves to true when a message was queued (the dispatcher should look soon). */
export async function runActionEffects(ctx: EffectContext, effects: Effect[]): Promise<boolean> {
  let queued = false;
  for (const fx of effects) {
    if (fx.kind !== 'action') continue;
    const handler = handlers[fx.type];
    if (!handler) throw new Error(`no runtime handler for the effect '${fx.type}'`);
    queued = (await handler(ctx, fx.params ?? {})) || queued;
  }
  return queued;
}
