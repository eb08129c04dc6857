/**
 * Static analysis of a bundle (definition + forms) before it is stored, published or built:
 * every name resolves, every target exists, every state is reachable and has a way out, every
 * form exists and compiles, every role is known and every event someone may send.
 */
import { durationToMs } from './duration.ts';
import { at, checkI18n, Findings, kindOf, unknownKeys, type Json } from './findings.ts';
import { isRecord, ownValue } from './object-path.ts';
import { registry } from './registry.ts';
import type { Finding } from './types.ts';
import { checkForms } from './validate-forms.ts';
import { MachineCheck } from './validate-machine.ts';

const DEFINITION_KEYS = ['key', 'title', 'description', 'policy', 'messages', 'machine'];
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function checkPolicy(out: Findings, policy: unknown): { policy: Json; delays: Json } {
  if (!isRecord(policy)) {
    const message =
      policy === undefined ? 'policy is missing; use {} when the flow has no policy numbers' : `policy must be an object, got ${kindOf(policy)}`;
    out.error('$.definition.policy', message);
    return { policy: {}, delays: {} };
  }
  if (policy.delays === undefined) return { policy, delays: {} };
  if (!isRecord(policy.delays)) {
    out.error('$.definition.policy.delays', `policy.delays must be an object of name → ISO 8601 duration, got ${kindOf(policy.delays)}`);
    return { policy, delays: {} };
  }
  for (const [name, iso] of Object.entries(policy.delays)) {
    const path = at('$.definition.policy.delays', name);
    if (typeof iso !== 'string') out.error(path, `delay '${name}' must be an ISO 8601 duration string such as "PT2H", got ${kindOf(iso)}`);
    else {
      try {
        durationToMs(iso);
      } catch (error) {
        out.error(path, `delay '${name}': ${(error as Error).message}`);
      }
    }
    if (ownValue(registry.delays, name)) out.error(path, `delay '${name}' is also a computed delay in the registry; rename one of them`);
  }
  return { policy, delays: policy.delays };
}

function checkMessages(out: Findings, messages: unknown): Json {
  if (messages === undefined) return {};
  if (!isRecord(messages)) {
    out.error('$.definition.messages', `messages must be an object of template name → { subject, body }, got ${kindOf(messages)}`);
    return {};
  }
  for (const [name, message] of Object.entries(messages)) {
    const path = at('$.definition.messages', name);
    if (!isRecord(message)) {
      out.error(path, `message '${name}' must be { subject: {id, en}, body: {id, en} }, got ${kindOf(message)}`);
      continue;
    }
    checkI18n(out, message.subject, at(path, 'subject'), `message '${name}' subject`);
    checkI18n(out, message.body, at(path, 'body'), `message '${name}' body`);
  }
  return messages;
}

function checkDefinition(out: Findings, definition: Json, forms: Json) {
  const d = '$.definition';
  unknownKeys(out, definition, d, DEFINITION_KEYS, 'the definition', 'warning');
  const { key } = definition;
  if (typeof key !== 'string') {
    const message =
      key === undefined ? 'key is missing; expected a kebab-case string such as "new-passport"' : `key must be a string, got ${kindOf(key)}`;
    out.error(at(d, 'key'), message);
  } else if (!KEBAB_CASE.test(key)) {
    const rule = 'use lowercase letters and digits separated by single hyphens, e.g. "new-passport"';
    out.error(at(d, 'key'), `key '${key}' is not kebab-case: ${rule}`);
  }
  checkI18n(out, definition.title, at(d, 'title'), 'title');
  if (definition.description !== undefined) checkI18n(out, definition.description, at(d, 'description'), 'description');
  const { policy, delays } = checkPolicy(out, definition.policy);
  const messages = checkMessages(out, definition.messages);

  const { machine } = definition;
  if (!isRecord(machine)) {
    const message =
      machine === undefined
        ? 'machine is missing; expected an XState config object with an id'
        : `machine must be an XState config object, got ${kindOf(machine)}`;
    out.error(at(d, 'machine'), message);
    return;
  }
  if (typeof machine.id !== 'string' || machine.id === '') {
    out.error(at(d, 'machine', 'id'), 'machine.id is missing; give the machine an id (camelCase, e.g. "newPassport") so timer ids are stable');
  }
  const check = new MachineCheck(out, machine, forms, { policy, messages }, delays);
  check.run();
  for (const form of Object.keys(forms)) {
    if (!check.usedForms.has(form)) out.warn(at('$.forms', form), `form '${form}' is not used by any state`);
  }
  for (const name of Object.keys(messages)) {
    if (!check.usedTemplates.has(name)) out.warn(at(d, 'messages', name), `message '${name}' is not used by any notify action`);
  }
}

/**
 * Every problem of a bundle `{ definition, forms }`, each with a JSON path into the bundle, a
 * precise message and a severity; an empty list (or warnings only) means it may be built and
 * published. Pure; never throws, whatever it is given (null, arrays, half-written drafts).
 */
export function validateBundle(bundle: unknown): Finding[] {
  const out = new Findings();
  if (!isRecord(bundle)) {
    out.error('$', `a bundle must be an object { definition, forms }, got ${kindOf(bundle)}`);
    return out.list;
  }
  const forms = checkForms(out, bundle.forms);
  const { definition } = bundle;
  if (!isRecord(definition)) {
    const message = definition === undefined ? 'definition is missing' : `definition must be an object, got ${kindOf(definition)}`;
    out.error('$.definition', message);
    return out.list;
  }
  checkDefinition(out, definition, forms);
  return out.list;
}
