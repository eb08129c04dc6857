/**
 * What StepForm passes to its custom widgets and fields (RJSF `formContext`, read from
 * `props.registry.formContext`): the application the form belongs to, its flow, the answers it
 * already holds (a field may depend on an earlier step's answer) and the document kinds the flow
 * accepts (an upload field's name, types and size).
 */
import type { Registry } from '@rjsf/utils';
import type { DocumentKind } from '../../lib/types.ts';

export type FormContext = {
  applicationId: string;
  flow: string;
  data: Record<string, unknown>;
  documents?: readonly DocumentKind[];
};

/** The form context, or an empty one (a form shown outside an application). */
export function formContextOf(registry: Pick<Registry, 'formContext'>): Partial<FormContext> {
  const ctx: unknown = registry.formContext;
  return typeof ctx === 'object' && ctx !== null ? (ctx as Partial<FormContext>) : {};
}
