/** The public summary of a flow (GET /api/flows items) from the shipped passport definitions. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFlow, type Flow } from '#machines/build.ts';
import { renderTexts } from '#machines/template.ts';
import type { FlowBundle } from '#machines/types.ts';
import { REPO_ROOT } from '../../config.ts';
import { readBundle } from '../../flows/files.ts';
import { flowSummary, type FlowSummary } from '../../flows/summary.ts';
import { installedPacks } from '../../packs.ts';
import type { PassportSummary } from './summary.ts';

const shipped = (key: string): FlowBundle => readBundle(path.join(REPO_ROOT, 'machines/definitions', `${key}.json`), path.join(REPO_ROOT, 'forms'));
/** The `GET /api/flows` item, as the server with the passport pack installed writes it. */
const summaryOf = (bundle: FlowBundle) => flowSummary(buildFlow(bundle, installedPacks.registry), 3, installedPacks.packs) as FlowSummary & PassportSummary;
/** Without the validator (which refuses, e.g., a delay that is not a duration): only the bundle is read. */
const unchecked = (bundle: FlowBundle) => flowSummary({ bundle } as Flow, 3, installedPacks.packs) as FlowSummary & PassportSummary;
const rendered = (bundle: FlowBundle) => ({
  title: renderTexts(bundle.definition.title, { policy: bundle.definition.policy }),
  ...(bundle.definition.description ? { description: renderTexts(bundle.definition.description, { policy: bundle.definition.policy }) } : {}),
});

const REGULAR_FEES = [
  { passportType: 'ordinary', validityYears: 5, amount: 350000 },
  { passportType: 'ordinary', validityYears: 10, amount: 650000 },
  { passportType: 'electronic', validityYears: 5, amount: 650000 },
  { passportType: 'electronic', validityYears: 10, amount: 950000 },
];

describe('the summary of a passport flow (GET /api/flows item)', () => {
  it('passport-new: fees, documents and timings from the policy', () => {
    const bundle = shipped('passport-new');
    const s = summaryOf(bundle);
    const { highlights: _highlights, ...rest } = s;
    expect(rest).toEqual({
      key: 'passport-new',
      version: 3,
      ...rendered(bundle),
      express: false,
      fees: { currency: 'IDR', passports: REGULAR_FEES },
      documents: [{ title: bundle.forms['passport-documents']!.title, required: ['ktp', 'kk', 'birthProof'], minor: ['parentKtp'] }],
      adultAge: 17,
      paymentWindow: 'PT2H',
      minLeadDays: 0,
      bookingHorizonDays: 60,
      pickupWorkingDays: 4,
      uncollectedAfter: 'P30D',
    });
  });

  it('passport-replacement: its own documents; no express surcharge on a regular flow', () => {
    const s = summaryOf(shipped('passport-replacement'));
    expect(s.fees).toEqual({ currency: 'IDR', passports: REGULAR_FEES });
    expect(s.documents!.map((d) => [d.required, d.minor])).toEqual([[['ktp', 'oldPassport'], ['parentKtp']]]);
  });

  it('passport-express: billed amounts include the surcharge; one document set per documents step', () => {
    const bundle = shipped('passport-express');
    const s = summaryOf(bundle);
    expect(s.express).toBe(true);
    expect(s.fees).toEqual({
      currency: 'IDR',
      expressSurcharge: 1000000,
      passports: REGULAR_FEES.map((f) => ({ ...f, amount: f.amount + 1000000 })),
    });
    expect(s.documents).toEqual([
      { title: bundle.forms['passport-documents']!.title, required: ['ktp', 'kk', 'birthProof'], minor: ['parentKtp'] },
      { title: bundle.forms['passport-express-replacement-documents']!.title, required: ['ktp', 'oldPassport'], minor: ['parentKtp'] },
    ]);
    expect([s.minLeadDays, s.pickupWorkingDays]).toEqual([1, 0]);
  });

  it('shows only public figures: internal delays and unknown policy keys stay on the server', () => {
    const bundle = structuredClone(shipped('passport-new'));
    Object.assign(bundle.definition.policy, { secretThreshold: 42, officerNotes: 'internal' });
    bundle.definition.policy.delays = { ...bundle.definition.policy.delays, fraudReview: 'PT1H' };
    const s = unchecked(bundle) as Record<string, unknown>; // the validator would want the new keys described in policySchema
    expect(JSON.stringify(s)).not.toMatch(/secretThreshold|officerNotes|fraudReview|documentDeadline|P7D/);
  });

  it('leaves out what the policy lacks or gives in a shape it cannot bill', () => {
    const bundle = structuredClone(shipped('passport-new'));
    const policy = bundle.definition.policy as Record<string, unknown>;
    policy.fees = { currency: 'IDR', ordinary: { '5': 'free', '7': 1 }, electronic: { '10': 950000 } };
    delete policy.minLeadDays;
    policy.delays = { paymentWindow: 'two hours' };
    const s = unchecked(bundle);
    expect(s.fees).toEqual({ currency: 'IDR', passports: [{ passportType: 'electronic', validityYears: 10, amount: 950000 }] });
    expect(s).not.toHaveProperty('minLeadDays');
    expect(s).not.toHaveProperty('paymentWindow');
    expect(s).not.toHaveProperty('uncollectedAfter');
  });

  it('a flow without fees or documents steps gets its key, version and title only (plus what its policy has)', () => {
    const bundle = readBundle(path.join(REPO_ROOT, 'machines/fixtures/definitions/test-permit.json'), path.join(REPO_ROOT, 'machines/fixtures/forms'));
    const s = summaryOf(bundle);
    expect(Object.keys(s).sort()).toEqual(['key', 'title', 'version', ...(bundle.definition.description ? ['description'] : [])].sort());
  });

  it("states the policy's numbers in the reader's language in the description and highlights", () => {
    const bundle = structuredClone(shipped('passport-new'));
    bundle.definition.description = { id: 'Bayar dalam {{policy.delays.paymentWindow | duration}}.', en: 'Pay within {{policy.delays.paymentWindow | duration}}.' };
    bundle.definition.highlights = [{ title: { id: 'Biaya', en: 'Fees' }, items: [{ id: '{{policy.fees.ordinary.5 | money}}', en: '{{policy.fees.ordinary.5 | money}}' }] }];
    bundle.definition.policy.delays = { ...bundle.definition.policy.delays, paymentWindow: 'PT3H' };
    const s = unchecked(bundle);
    expect(s.description).toEqual({ id: 'Bayar dalam 3 jam.', en: 'Pay within 3 hours.' });
    expect(s.highlights).toEqual([{ title: { id: 'Biaya', en: 'Fees' }, items: [{ id: 'Rp 350.000', en: 'Rp 350,000' }] }]);
  });
});
