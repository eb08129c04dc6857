/** What the simulator puts where a server hook would establish facts: samples that follow the policy (fees, payment window, pickup days). Pure. */
import { durationToMs } from '../../../machines/duration.ts';
import { isRecord } from '../../../machines/object-path.ts';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Sample facts of a server hook, from the policy where it says (fees, payment window, pickup days). */
export function sampleFacts(hook: string, policy: Record<string, unknown>, now: string): Record<string, unknown> {
  const at = Date.parse(now);
  const delays = isRecord(policy.delays) ? policy.delays : {};
  let windowMs = 2 * 3_600_000;
  try {
    if (typeof delays.paymentWindow === 'string') windowMs = durationToMs(delays.paymentWindow);
  } catch {
    // keep the default: the validator reports a bad duration
  }
  const fees = isRecord(policy.fees) ? policy.fees : {};
  const ordinary = isRecord(fees.ordinary) ? fees.ordinary : {};
  const amount = Number(Object.values(ordinary)[0] ?? 0) + (policy.express === true ? Number(fees.expressSurcharge ?? 0) : 0);
  const appointment = { officeCode: 'ATB', date: isoDay(at + DAY), session: 'pagi', start: '08:00', end: '12:00', timeZone: 'Asia/Makassar', officeName: 'Kantor Imigrasi (contoh)', address: '—' };
  switch (hook) {
    case 'book':
      return { appointment, payment: { billingCode: '000000000000001', amount, currency: String(fees.currency ?? 'IDR'), expiresAt: new Date(at + windowMs).toISOString() } };
    case 'confirmPayment':
      return { appointment: { queueNumber: 1, queueCode: 'ATB-SIM-001' }, queueNumber: 1, paidAt: now };
    case 'reschedule':
      return { appointment: { ...appointment, date: isoDay(at + 2 * DAY), queueNumber: 1, queueCode: 'ATB-SIM-002' }, rescheduled: true };
    case 'checkIn':
      return { checkedInAt: now };
    case 'pickupDate':
      return { pickupDate: isoDay(at + Number(policy.pickupWorkingDays ?? 0) * DAY) };
    case 'requireDocuments':
      return { documents: {} };
    default:
      return {};
  }
}
