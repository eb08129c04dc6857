/**
 * What StepForm passes to its custom widgets and fields (RJSF `formContext`, read from
 * `props.registry.formContext`): the application the form belongs to, its flow and the answers
 * it already holds (the schedule picker needs the passport type chosen two steps earlier).
 */
import type { Registry } from '@rjsf/utils';

export type FormContext = {
  applicationId: string;
  flow: string;
  data: Record<string, unknown>;
};

/** The form context, or an empty one (a form shown outside an application). */
export function formContextOf(registry: Pick<Registry, 'formContext'>): Partial<FormContext> {
  const ctx: unknown = registry.formContext;
  return typeof ctx === 'object' && ctx !== null ? (ctx as Partial<FormContext>) : {};
}
