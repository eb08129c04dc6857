/**
 * The definition format as the editor knows it: machines/definition.schema.json with the names of
 * the installed packs' guards, actions, delays and hooks filled in (client/app/registry.ts), for the
 * JSON editor's completion, hover and lint and for the generated policy form's help.
 */
import { registry } from '../../app/registry.ts';
import { definitionSchema } from '../../../machines/definition-schema.ts';

export const editorSchema: Record<string, unknown> = definitionSchema(registry);
