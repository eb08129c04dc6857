/**
 * "New flow": what policy staff fill in (a key, a title in both languages, blank or a copy of a
 * version), the problems found before sending (each naming its field and saying the key's rule in
 * words), the `POST /api/flows` body, and where a server error's JSON pointer belongs. Pure.
 */
import { FLOW_KEY } from '../../../machines/names.ts';
import type { FlowEntry } from './model.ts';
import type { PolicyTextKey } from './texts.ts';

export type NewFlowInput = {
  key: string;
  titleId: string;
  titleEn: string;
  start: 'blank' | 'copy';
  fromFlow: string;
  /** The version number as the select holds it ('' for none). */
  fromVersion: string;
};

export type NewFlowField = 'key' | 'titleId' | 'titleEn' | 'fromFlow' | 'fromVersion';
/** The fields in the order the form shows them (the error summary lists problems in this order). */
export const NEW_FLOW_FIELDS: readonly NewFlowField[] = ['key', 'titleId', 'titleEn', 'fromFlow', 'fromVersion'];

/** A text of texts.ts with its parameters. */
export type Message = { text: PolicyTextKey; params?: Record<string, string | number> };
export type NewFlowProblem = { field: NewFlowField } & Message;

export type NewFlowBody = { key: string; title: { id: string; en: string }; from?: { flow: string; version: number } };

export const emptyNewFlow: NewFlowInput = { key: '', titleId: '', titleEn: '', start: 'blank', fromFlow: '', fromVersion: '' };

/**
 * A flow key made of `text` (a mistyped key or a title): lowercase, accents dropped, anything
 * else between words a hyphen, starting with a letter, at most 48 characters; null when nothing
 * usable is left. "Izin Tinggal Terbatas" → "izin-tinggal-terbatas". Pure.
 */
export function suggestKey(text: string): string | null {
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return FLOW_KEY.test(key) ? key : null;
}

/**
 * Why `key` cannot be a new flow's key, in words (the rule is `^[a-z][a-z0-9-]{2,47}$`), with a
 * suggestion when one can be made; null when it can. `taken`: the keys that already exist. Pure.
 */
export function keyMessage(key: string, taken: readonly string[] = []): Message | null {
  if (key === '') return { text: 'new.err.keyEmpty' };
  if (FLOW_KEY.test(key)) return taken.includes(key) ? { text: 'new.err.keyTaken', params: { key } } : null;
  const rule: PolicyTextKey =
    key.length > 48
      ? 'new.err.keyLong'
      : /[A-Z]/.test(key) && /^[a-z0-9-]*$/.test(key.toLowerCase())
        ? 'new.err.keyUpper'
        : /[^a-z0-9-]/.test(key)
          ? 'new.err.keyChars'
          : !/^[a-z]/.test(key)
            ? 'new.err.keyStart'
            : 'new.err.keyShort';
  // NOTE: a suggestion only changes case, accents and separators; one that drops characters (a
  // leading digit, the end of a long key) would be a guess about what was meant.
  const suggestion = suggestKey(key);
  const same = (k: string) => k.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return suggestion && suggestion !== key && same(suggestion) === same(key) && !taken.includes(suggestion)
    ? { text: `${rule}Suggest` as PolicyTextKey, params: { suggestion } }
    : { text: rule };
}

/** Every problem of `input` before it is sent, in the form's order. Pure. */
export function newFlowProblems(input: NewFlowInput, taken: readonly string[] = []): NewFlowProblem[] {
  const problems: NewFlowProblem[] = [];
  const key = keyMessage(input.key.trim(), taken);
  if (key) problems.push({ field: 'key', ...key });
  if (input.titleId.trim() === '') problems.push({ field: 'titleId', text: 'new.err.titleId' });
  if (input.titleEn.trim() === '') problems.push({ field: 'titleEn', text: 'new.err.titleEn' });
  if (input.start === 'copy') {
    if (input.fromFlow === '') problems.push({ field: 'fromFlow', text: 'new.err.fromFlow' });
    else if (!/^[1-9]\d*$/.test(input.fromVersion)) problems.push({ field: 'fromVersion', text: 'new.err.fromVersion' });
  }
  return problems;
}

/** The `POST /api/flows` body of a valid `input` (trimmed). Pure. */
export function newFlowBody(input: NewFlowInput): NewFlowBody {
  const body: NewFlowBody = { key: input.key.trim(), title: { id: input.titleId.trim(), en: input.titleEn.trim() } };
  if (input.start === 'copy') body.from = { flow: input.fromFlow, version: Number(input.fromVersion) };
  return body;
}

/** The field a 422 error's JSON pointer (into the request body) is about, or null (the whole request). Pure. */
export function fieldOfPointer(pointer: string): NewFlowField | null {
  const [first, second] = pointer.split('/').slice(1);
  if (first === 'key') return 'key';
  if (first === 'title') return second === 'en' ? 'titleEn' : 'titleId';
  if (first === 'from') return second === 'version' ? 'fromVersion' : 'fromFlow';
  return null;
}

/** The version a copy starts from by default: the latest published, else the latest. Pure. */
export function defaultVersion(flow: FlowEntry | undefined): string {
  if (!flow || flow.versions.length === 0) return '';
  const sorted = [...flow.versions].sort((a, b) => a.version - b.version);
  return String((sorted.filter((v) => v.status === 'published').at(-1) ?? sorted.at(-1))!.version);
}
