/**
 * The passport pack's officer pages (today's appointments and check-in, the printing and hand-over
 * queues, walk-ins) and its panel on the staff work page. Each loads lazily (its own chunk, with
 * its texts and styles): only the navigation labels are in the entry bundle.
 */
import { lazy, type ComponentType } from 'react';
import type { StaffPage } from '../../../lib/packs.tsx';
import type { ApplicationView, User } from '../../../lib/types.ts';

/** The counter's pages are for officers of an office (reviewers of any office have no counter). */
const atAnOffice = (user: User) => !!user.officeCode;

export const officerPages: StaffPage[] = [
  { area: 'officer', path: 'today', label: { id: 'Hari ini', en: 'Today' }, Page: lazy(() => import('./TodayPage.tsx')), for: atAnOffice },
  { area: 'officer', path: 'queues', label: { id: 'Antrean cetak dan serah', en: 'Printing and hand-over' }, Page: lazy(() => import('./QueuesPage.tsx')), for: atAnOffice },
  { area: 'officer', path: 'walk-in', label: { id: 'Walk-in baru', en: 'New walk-in' }, Page: lazy(() => import('./WalkInPage.tsx')), for: atAnOffice },
];

export const PassportWorkPanel: ComponentType<{ view: ApplicationView }> = lazy(() => import('./WorkPanel.tsx'));
