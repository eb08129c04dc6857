/**
 * The custom widgets and fields the shipped forms name in their uiSchema. RJSF throws on a widget
 * name it does not know, so every name a form may use is registered here, and StepForm passes
 * these to every form.
 */
import type { RegistryFieldsType, RegistryWidgetsType, RJSFSchema } from '@rjsf/utils';
import { DocumentWidget } from './DocumentWidget.tsx';
import { RadioWidget } from './RadioWidget.tsx';
import { ScheduleField } from './ScheduleField.tsx';
import './widgets.css';

type Data = Record<string, unknown>;

/** `"ui:widget": "document"` (with `"ui:options": {"kind": …}`); RJSF's radio group, named (RadioWidget.tsx). */
export const widgets: RegistryWidgetsType<Data, RJSFSchema> = {
  document: DocumentWidget,
  RadioWidget,
};

/** `"ui:field": "schedule"` (the schedule form's root). */
export const fields: RegistryFieldsType<Data, RJSFSchema> = {
  schedule: ScheduleField as RegistryFieldsType<Data, RJSFSchema>[string],
};
