/**
 * The generic custom widgets and fields forms name in their uiSchema. RJSF throws on a widget
 * name it does not know, so every name a form may use is registered: these here, and the
 * installed domain packs' own (lib/packs.tsx); StepForm passes both to every form.
 */
import type { RegistryFieldsType, RegistryWidgetsType, RJSFSchema } from '@rjsf/utils';
import { DocumentWidget } from './DocumentWidget.tsx';
import { DurationWidget } from './DurationWidget.tsx';
import { MoneyWidget } from './MoneyWidget.tsx';
import { RadioWidget } from './RadioWidget.tsx';
import './number-widgets.css';
import './widgets.css';

type Data = Record<string, unknown>;

/**
 * `"ui:widget": "document"` (with `"ui:options": {"kind": …}`); `"duration"` (an ISO 8601 duration
 * as a number and a unit) and `"money"` (whole rupiah); RJSF's radio group, named (RadioWidget.tsx).
 * These names are the generic widgets the definition validator knows (machines/validate-forms.ts).
 */
export const widgets: RegistryWidgetsType<Data, RJSFSchema> = {
  document: DocumentWidget,
  duration: DurationWidget,
  money: MoneyWidget,
  RadioWidget,
};

/** Generic custom fields (`"ui:field"`): none yet. A domain pack brings its own (lib/packs.tsx), StepForm adds them. */
export const fields: RegistryFieldsType<Data, RJSFSchema> = {};
