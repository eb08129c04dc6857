/**
 * Custom actions a transition returns (`{kind: 'action'}` effects) run inside the event's
 * transaction: the generic `notify` writes an outbox row, so a message is sent if and only if the
 * event was committed; the installed packs' effects do their part (server/packs.ts).
 */
import type { genericVocabulary } from '#machines/registry.ts';
import { ownValue } from '#machines/object-path.ts';
import { renderTemplate } from '#machines/template.ts';
import type { Effect, Lang } from '#machines/types.ts';
import { enqueueEmail } from '../notify/outbox.ts';
import { usesPack, type EffectContext, type EffectHandler, type EffectNames, type InstalledPacks, type Recipient } from './pack.ts';

export type { EffectContext } from './pack.ts';

/** Who hears about an application: the first pack that names someone else (or nobody), else its owner. */
async function recipientOf(ctx: EffectContext, packs: InstalledPacks): Promise<Recipient | null> {
  for (const pack of packs.packs) {
    if (!usesPack(ctx.flow, pack)) continue;
    const named = pack.recipient?.(ctx.context);
    if (named !== undefined) return named;
  }
  const owner = await ctx.tx.get<Recipient>('SELECT "email", "fullName", "locale" FROM "User" WHERE "id" = ?', [ctx.ownerId]);
  return owner ?? null;
}

/** `notify {template}`: the definition's message, in the recipient's language, to their email. */
function notify(packs: InstalledPacks): EffectHandler {
  return async (ctx, params) => {
    const { definition } = ctx.flow.bundle;
    const template = definition.messages?.[String(params.template)];
    if (!template) throw new Error(`notify: no message template '${String(params.template)}' in ${definition.key}`);
    const to = await recipientOf(ctx, packs);
    if (!to) return false; // nobody to tell (the account is gone, or the person left no email)
    const lang: Lang = to.locale === 'en' ? 'en' : 'id';
    const vars = {
      data: ctx.context.data ?? {},
      context: ctx.context,
      policy: definition.policy,
      application: { id: ctx.applicationId, flow: definition.key, state: ctx.state, status: ctx.status },
      flow: { title: definition.title[lang] },
      owner: { fullName: to.fullName, email: to.email },
      event: ctx.event,
    };
    await enqueueEmail(
      ctx.tx,
      {
        to: to.email,
        subject: renderTemplate(template.subject[lang], vars, { locale: lang }),
        text: renderTemplate(template.body[lang], vars, { locale: lang }),
        applicationId: ctx.applicationId,
      },
      ctx.now,
    );
    return true;
  };
}

/** The generic effects, one per effect action of the generic vocabulary (the type checks the names). */
export function genericEffects(packs: InstalledPacks): { [K in EffectNames<typeof genericVocabulary>]: EffectHandler } {
  return { notify: notify(packs) };
}

/** Runs every action effect; resolves to true when a message was queued (the dispatcher should look soon). */
export async function runActionEffects(effects: Record<string, EffectHandler>, ctx: EffectContext, list: Effect[]): Promise<boolean> {
  let queued = false;
  for (const fx of list) {
    if (fx.kind !== 'action') continue;
    const handler = ownValue(effects, fx.type);
    if (!handler) throw new Error(`no runtime handler for the effect '${fx.type}'`);
    queued = (await handler(ctx, fx.params ?? {})) || queued;
  }
  return queued;
}
