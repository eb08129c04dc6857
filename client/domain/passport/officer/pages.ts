/**
 * The passport pack's officer pages (today's appointments and check-in, the printing and hand-over
 * queues, walk-ins) and its panel on the staff work page. Filled in by the officer-area work.
 */
import type { ComponentType } from 'react';
import type { ApplicationView } from '../../../lib/types.ts';
import type { StaffPage } from '../../../lib/packs.tsx';

export const officerPages: StaffPage[] = [];

export const PassportWorkPanel: ComponentType<{ view: ApplicationView }> | undefined = undefined;
