/**
 * The passport pack's part of the web app: the schedule picker field, the payment and confirmation
 * panels, the status page's next step for a bill, an appointment or a pick-up, the facts its
 * history entries tell, and the officer pages. Installed in client/app/packs.ts; the generic pages
 * reach it through lib/packs.tsx. Its components load lazily, with the page that shows them.
 */
import type { RegistryFieldsType, RJSFSchema } from '@rjsf/utils';
import { createElement } from 'react';
import { Loading } from '../../components/Status.tsx';
import { lazyComponent, type ApplicationPanelProps, type ClientPack } from '../../lib/packs.tsx';
import type { ApplicationView } from '../../lib/types.ts';
import type { passportVocabulary } from '#server/domain/passport/vocabulary.ts';
import { officerPages, PassportWorkPanel } from './officer/pages.ts';
import { passportTimelineDetails } from './timeline.ts';
import './passport.css';

type Field = RegistryFieldsType<Record<string, unknown>, RJSFSchema>[string];

/** `"ui:field": "schedule"` (the schedule form's root): office, date and session from the real availability. */
const ScheduleField = lazyComponent(
  () => import('./ScheduleField.tsx').then((m) => ({ default: m.ScheduleField as unknown as Field })),
  createElement(Loading),
) as Field;

/** Exactly the fields the pack's vocabulary declares (a missing or an extra one does not compile). */
const fields = { schedule: ScheduleField } satisfies { [K in keyof typeof passportVocabulary.fields]: Field };

export const passportClientPack: ClientPack = {
  name: 'passport',
  fields,
  ApplicationPanel: lazyComponent<ApplicationPanelProps>(() => import('./ApplicationPanel.tsx')),
  NextStepPanel: lazyComponent<{ view: ApplicationView; now: number }>(() => import('./NextStepPanel.tsx')),
  timelineDetails: passportTimelineDetails,
  staffPages: officerPages,
  ...(PassportWorkPanel ? { WorkPanel: PassportWorkPanel } : {}),
};
