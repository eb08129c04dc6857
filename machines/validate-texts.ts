/**
 * Checks of a definition's texts: their `{{…}}` placeholders name values and filters that exist,
 * and no text repeats a policy number literally (it would go on saying "2 jam" after policy staff
 * publish a 3-hour window). Texts are the definition's title and description, highlights, status
 * labels, messages, and every label, description, "next" and confirmation in the machine's meta.
 */
import { durationText } from './duration.ts';
import { at, type Findings, type Json } from './findings.ts';
import { isRecord, readPath } from './object-path.ts';
import { placeholdersOf, TEMPLATE_FILTERS, type TemplateLang } from './template.ts';

/** A text of the definition with its JSON path; `message` texts may name more variables. */
type Text = { path: string; value: Record<string, unknown>; message: boolean };

/** Where a definition text's placeholders may read (messages also know the event, owner, application and flow). */
const TEXT_ROOTS = ['policy', 'context', 'data'];
const MESSAGE_ROOTS = [...TEXT_ROOTS, 'application', 'flow', 'owner', 'event'];

function collectMeta(meta: unknown, path: string, texts: Text[]) {
  if (!isRecord(meta)) return;
  for (const key of ['label', 'description', 'next']) {
    if (isRecord(meta[key])) texts.push({ path: at(path, key), value: meta[key], message: false });
  }
  if (isRecord(meta.step) && isRecord(meta.step.label)) texts.push({ path: at(path, 'step', 'label'), value: meta.step.label, message: false });
  if (!isRecord(meta.events)) return;
  for (const [type, event] of Object.entries(meta.events)) {
    if (!isRecord(event)) continue;
    for (const key of ['label', 'confirm']) {
      if (isRecord(event[key])) texts.push({ path: at(path, 'events', type, key), value: event[key], message: false });
    }
  }
}

function collectStates(node: unknown, path: string, texts: Text[]) {
  if (!isRecord(node)) return;
  collectMeta(node.meta, at(path, 'meta'), texts);
  if (!isRecord(node.states)) return;
  for (const [key, child] of Object.entries(node.states)) collectStates(child, at(path, 'states', key), texts);
}

/** Every text of a definition, with its path. */
export function definitionTexts(definition: Json): Text[] {
  const d = '$.definition';
  const texts: Text[] = [];
  const push = (value: unknown, path: string, message = false) => {
    if (isRecord(value)) texts.push({ path, value, message });
  };
  push(definition.title, at(d, 'title'));
  push(definition.description, at(d, 'description'));
  if (Array.isArray(definition.highlights)) {
    definition.highlights.forEach((h: unknown, i) => {
      if (!isRecord(h)) return;
      push(h.title, at(d, 'highlights', i, 'title'));
      if (Array.isArray(h.items)) h.items.forEach((item: unknown, j) => push(item, at(d, 'highlights', i, 'items', j)));
    });
  }
  if (isRecord(definition.statuses)) {
    for (const [status, entry] of Object.entries(definition.statuses)) {
      if (!isRecord(entry)) continue;
      push(entry.label, at(d, 'statuses', status, 'label'));
      push(entry.next, at(d, 'statuses', status, 'next'));
    }
  }
  if (isRecord(definition.messages)) {
    for (const [name, message] of Object.entries(definition.messages)) {
      if (!isRecord(message)) continue;
      push(message.subject, at(d, 'messages', name, 'subject'), true);
      push(message.body, at(d, 'messages', name, 'body'), true);
    }
  }
  collectStates(definition.machine, at(d, 'machine'), texts);
  return texts;
}

/** Reports placeholders that read nothing the text can have, or name a filter that does not exist. */
function checkPlaceholders(out: Findings, text: Text, lang: TemplateLang, template: string, policy: Json) {
  const path = at(text.path, lang);
  for (const { path: name, filter, text: written } of placeholdersOf(template)) {
    const roots = text.message ? MESSAGE_ROOTS : TEXT_ROOTS;
    const root = name.split('.')[0] ?? '';
    if (!roots.includes(root)) {
      out.error(path, `${written} reads '${root}', which this text cannot: it may read ${roots.map((r) => `${r}.…`).join(', ')}`);
      continue;
    }
    if (filter !== undefined && !Object.hasOwn(TEMPLATE_FILTERS, filter)) {
      out.error(path, `${written}: unknown filter '${filter}'; filters: ${Object.keys(TEMPLATE_FILTERS).join(', ')}`);
      continue;
    }
    if (root !== 'policy') continue;
    const value = readPath({ policy }, name);
    if (value === undefined) {
      out.error(path, `${written} reads ${name}, which the policy does not have, so the text would show nothing there`);
    } else if (filter !== undefined && TEMPLATE_FILTERS[filter]?.format(value, lang) === undefined) {
      out.error(path, `${written}: ${name} holds ${JSON.stringify(value)}, which the '${filter}' filter cannot write (${TEMPLATE_FILTERS[filter]?.description})`);
    }
  }
}

type PolicyNumber = { path: string; literals: Record<TemplateLang, string[]>; filter: string };

const GROUPED: Record<TemplateLang, Intl.NumberFormat> = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-US') };

/** The policy's numbers and durations, each with the ways prose would write it. */
function policyNumbers(policy: Json): PolicyNumber[] {
  const out: PolicyNumber[] = [];
  const visit = (value: unknown, path: string) => {
    if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
    } else if (typeof value === 'number' && Number.isInteger(value) && value >= 2) {
      const forms = (lang: TemplateLang) => [...new Set([GROUPED[lang].format(value), String(value)])];
      out.push({ path, literals: { id: forms('id'), en: forms('en') }, filter: value >= 1000 ? 'money' : '' });
    } else if (typeof value === 'string' && value.startsWith('P')) {
      try {
        out.push({ path, literals: { id: [durationText(value, 'id')], en: [durationText(value, 'en')] }, filter: 'duration' });
      } catch {
        // not a duration: nothing prose could repeat
      }
    }
  };
  visit(policy, 'policy');
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Warns where a text writes a policy number as prose instead of a placeholder. */
function checkLiterals(out: Findings, text: Text, lang: TemplateLang, template: string, numbers: PolicyNumber[]) {
  const prose = template.replace(/\{\{[^}]*\}\}/g, ' ');
  for (const number of numbers) {
    for (const literal of number.literals[lang]) {
      // NOTE: a number counts only as a whole number: not inside 350.000, 08:00, 2026-12-03 or a word.
      const pattern = new RegExp(`(?<![\\w.,:/-])${escapeRegExp(literal)}(?![\\w,:/-]|\\.\\d)`, 'i');
      if (!pattern.test(prose)) continue;
      const placeholder = `{{${number.path}${number.filter ? ` | ${number.filter}` : ''}}}`;
      out.warn(at(text.path, lang), `"${literal}" repeats ${number.path} as prose: write ${placeholder} so the text changes when the policy does`);
      break;
    }
  }
}

/** Checks every text of the definition (placeholders, literal policy numbers). */
export function checkTexts(out: Findings, definition: Json, policy: Json) {
  const numbers = policyNumbers(policy);
  for (const text of definitionTexts(definition)) {
    for (const lang of ['id', 'en'] as const) {
      const template = text.value[lang];
      if (typeof template !== 'string') continue;
      checkPlaceholders(out, text, lang, template, policy);
      checkLiterals(out, text, lang, template, numbers);
    }
  }
}
