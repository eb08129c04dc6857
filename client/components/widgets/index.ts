/**
 * The generic custom widgets and fields forms name in their uiSchema. RJSF throws on a widget
 * name it does not know, so every name a form may use is registered: these here, and the
 * installed domain packs' own (lib/packs.tsx); StepForm passes both to every form.
 */
import type { RegistryFieldsType, RegistryWidgetsType, RJSFSchema } from '@rjsf/utils';
import type { genericVocabulary } from '#machines/registry.ts';
import { DocumentWidget } from './DocumentWidget.tsx';
import { DurationWidget } from './DurationWidget.tsx';
import { MoneyWidget } from './MoneyWidget.tsx';
import { RadioWidget } from './RadioWidget.tsx';
import './number-widgets.css';
import './widgets.css';

type Data = Record<string, unknown>;

type Widget = RegistryWidgetsType<Data, RJSFSchema>[string];
type Field = RegistryFieldsType<Data, RJSFSchema>[string];

/**
 * `"ui:widget": "document"` (with `"ui:options": {"kind": …}`); `"duration"` (an ISO 8601 duration
 * as a number and a unit) and `"money"` (whole rupiah); RJSF's radio group, named (RadioWidget.tsx).
 * Exactly the generic vocabulary's widgets, which the definition validator knows: a name without
 * an implementation here, or one here the vocabulary lacks, does not compile.
 */
export const widgets = {
  document: DocumentWidget,
  duration: DurationWidget,
  money: MoneyWidget,
  RadioWidget,
} satisfies { [K in keyof typeof genericVocabulary.widgets]: Widget };

/** Generic custom fields (`"ui:field"`): none. A domain pack brings its own (lib/packs.tsx), StepForm adds them. */
export const fields = {} satisfies { [K in keyof typeof genericVocabulary.fields]: Field };
