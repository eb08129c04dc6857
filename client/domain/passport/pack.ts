/**
 * The passport pack's part of the web app: the schedule picker field, the payment and confirmation
 * panels, the status page's next step for a bill or an appointment, the facts its history entries
 * tell, and the officer pages. Installed in client/app/packs.ts.
 */
import type { ClientPack } from '../../lib/packs.tsx';
import { officerPages, PassportWorkPanel } from './officer/pages.ts';

export const passportClientPack: ClientPack = {
  name: 'passport',
  staffPages: officerPages,
  ...(PassportWorkPanel ? { WorkPanel: PassportWorkPanel } : {}),
};
