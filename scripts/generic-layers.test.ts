/**
 * The engine knows no permit: the generic layers name no passport state, event, field or word.
 * What a family of permits needs lives in its domain pack (server/domain/<pack>/,
 * client/domain/<pack>/) and in its definitions and forms; the two composition roots
 * (server/packs.ts, client/app/packs.ts) are the only generic files that name a pack. Tests are
 * left out: a generic test may well drive a shipped flow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/config.ts';

/** Generic folders, and what inside them belongs to a pack (or is data). */
const GENERIC = ['machines', 'server', 'client'];
const NOT_GENERIC = [
  'machines/definitions', // flows are data; each names its own states and events
  'machines/fixtures',
  'server/domain', // the packs
  'server/testing', // test harness (starts servers with shipped flows)
  'server/db/seed-data',
  'server/db/office-addresses.ts', // seed data too: the seeded offices' public names and addresses
  'client/domain', // the packs' web parts
  'server/packs.ts',
  'client/app/packs.ts',
  'client/app/registry.ts',
];

/** Passport words, states and context fields (any case: `Paspor`, `WalkIn`). */
const PASSPORT_WORDS = [
  'passport',
  'paspor',
  'imigrasi',
  'immigration',
  'queueCode',
  'queueNumber',
  'appointment',
  'pickup',
  'walkIn',
  'walk-in',
  'billingCode',
  'biometric',
  'awaitingPayment',
  'readyForPickup',
  'checkedIn',
  'noShow',
  'uncollected',
  'walkInRequired',
  'inDraw',
  'enteredDraw',
  'drawEntry',
  'birthProof',
  'oldPassport',
  'parentKtp',
  'ktp',
];
/** Passport events, as events are written (capitals: "printed" is an English word, PRINTED an event). */
const PASSPORT_EVENTS = ['CHECK_IN', 'RECORD_BIOMETRICS', 'PRINTED', 'HAND_OVER', 'PAYMENT_CONFIRMED', 'RESCHEDULE', 'REQUEST_DOCUMENT', 'DRAW_WON', 'DRAW_LOST'];
const alternatives = (words: string[]) => words.map((w) => w.replace(/[-]/g, '\\$&')).join('|');
const WORDS = new RegExp(`(${alternatives(PASSPORT_WORDS)})`, 'i');
const EVENTS = new RegExp(`\\b(${alternatives(PASSPORT_EVENTS)})\\b`);
/** The first passport word or event on a line, or undefined. */
const passportWord = (line: string) => WORDS.exec(line)?.[1] ?? EVENTS.exec(line)?.[1];

function sourceFiles(dir: string): string[] {
  const rel = path.relative(REPO_ROOT, dir);
  if (NOT_GENERIC.includes(rel)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    const file = path.relative(REPO_ROOT, full);
    if (NOT_GENERIC.includes(file) || /\.test\.tsx?$/.test(entry.name)) return [];
    return /\.(ts|tsx|css|html)$/.test(entry.name) ? [full] : [];
  });
}

describe('the generic layers', () => {
  it('name no passport state, event, field or word', () => {
    const hits: string[] = [];
    for (const dir of GENERIC) {
      for (const file of sourceFiles(path.join(REPO_ROOT, dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const word = passportWord(line);
            if (word) hits.push(`${path.relative(REPO_ROOT, file)}:${i + 1}: ${word}: ${line.trim().slice(0, 120)}`);
          });
      }
    }
    expect(hits, `passport words in generic code:\n${hits.join('\n')}`).toEqual([]);
  });

  it('finds a passport word where one would be (the check itself works)', () => {
    expect(passportWord('const code = view.appointment.queueCode;')).toBe('appointment');
    expect(passportWord("if (type === 'CHECK_IN')")).toBe('CHECK_IN');
    expect(passportWord("send('PRINTED')")).toBe('PRINTED');
    expect(passportWord('the JSON, pretty-printed')).toBeUndefined();
    expect(passportWord('const next = view.next;')).toBeUndefined();
  });
});
