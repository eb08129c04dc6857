/**
 * Static analysis of a bundle (definition + forms) before it is stored, published or built:
 * every name resolves, every target exists, every state is reachable and has a way out, every
 * form exists and compiles, every role is known and every event someone may send, every context
 * value a registry delay or hook reads is set by the flow, every text's placeholders resolve.
 */
import { durationToMs } from './duration.ts';
import { at, checkI18n, Findings, kindOf, list, unknownKeys, type Json } from './findings.ts';
import { flowKeyProblem, registryNameProblem } from './names.ts';
import { isRecord, ownValue } from './object-path.ts';
import { genericRegistry, RUNTIME_KEYS, type Registry } from './registry.ts';
import type { Finding } from './types.ts';
import {
  checkDocuments,
  checkDocumentWidgets,
  checkHighlights,
  checkListed,
  checkPolicySchema,
  checkStaff,
  checkStatuses,
  checkView,
} from './validate-declarations.ts';
import { checkForms } from './validate-forms.ts';
import { MachineCheck } from './validate-machine.ts';
import { checkTexts } from './validate-texts.ts';

const DEFINITION_KEYS = [
  'key',
  'title',
  'description',
  'listed',
  'policy',
  'policySchema',
  'documents',
  'staff',
  'view',
  'statuses',
  'highlights',
  'messages',
  'machine',
];

function checkPolicy(out: Findings, policy: unknown, registry: Registry): { policy: Json; delays: Json } {
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
    const nameProblem = registryNameProblem(name, 'a delay');
    if (nameProblem) out.error(path, nameProblem);
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
    const nameProblem = registryNameProblem(name, 'a message');
    if (nameProblem) out.error(path, nameProblem);
    if (!isRecord(message)) {
      out.error(path, `message '${name}' must be { subject: {id, en}, body: {id, en} }, got ${kindOf(message)}`);
      continue;
    }
    checkI18n(out, message.subject, at(path, 'subject'), `message '${name}' subject`);
    checkI18n(out, message.body, at(path, 'body'), `message '${name}' body`);
  }
  return messages;
}

function checkDefinition(out: Findings, definition: Json, forms: Json, registry: Registry) {
  const d = '$.definition';
  unknownKeys(out, definition, d, DEFINITION_KEYS, 'the definition', 'warning');
  const { key } = definition;
  if (key === undefined) out.error(at(d, 'key'), 'key is missing; expected a flow key such as "stay-permit"');
  else {
    const problem = flowKeyProblem(key);
    if (problem) out.error(at(d, 'key'), problem);
  }
  checkI18n(out, definition.title, at(d, 'title'), 'title');
  if (definition.description !== undefined) checkI18n(out, definition.description, at(d, 'description'), 'description');
  checkListed(out, definition.listed);
  const { policy, delays } = checkPolicy(out, definition.policy, registry);
  const messages = checkMessages(out, definition.messages);
  checkPolicySchema(out, definition.policySchema, policy, registry);
  const kinds = checkDocuments(out, definition.documents);
  checkDocumentWidgets(out, forms, kinds);
  checkStaff(out, definition.staff);
  checkView(out, definition.view);
  checkHighlights(out, definition.highlights);
  checkTexts(out, definition, policy);

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
    out.error(at(d, 'machine', 'id'), 'machine.id is missing; give the machine an id (camelCase, e.g. "stayPermit") so timer ids are stable');
  }
  const check = new MachineCheck(out, machine, forms, { policy, messages }, delays, registry);
  check.run();
  checkStatuses(out, definition.statuses, statusesOf(machine));
  checkNeeds(out, check, machine, registry);
  for (const form of Object.keys(forms)) {
    if (!check.usedForms.has(form)) out.warn(at('$.forms', form), `form '${form}' is not used by any state`);
  }
  for (const name of Object.keys(messages)) {
    if (!check.usedTemplates.has(name)) out.warn(at(d, 'messages', name), `message '${name}' is not used by any notify action`);
  }
}

/** Every `meta.status` the machine names. */
function statusesOf(machine: Json): Set<string> {
  const used = new Set<string>();
  const visit = (node: unknown) => {
    if (!isRecord(node)) return;
    if (isRecord(node.meta) && typeof node.meta.status === 'string') used.add(node.meta.status);
    if (isRecord(node.states)) Object.values(node.states).forEach(visit);
  };
  visit(machine);
  return used;
}

/**
 * A registry delay or hook that reads a context value the flow never sets is an error: it would
 * refuse every application at that point. Set means: the static context, what the runtime and
 * the packs' start routes put in (`registry.inputs`), `setContext` paths, and the facts of hooks
 * the flow names when some transition saves facts. Compared by the path's first key.
 */
function checkNeeds(out: Findings, check: MachineCheck, machine: Json, registry: Registry) {
  const provided = new Set<string>(['data', ...RUNTIME_KEYS, ...Object.keys(registry.inputs)]);
  if (isRecord(machine.context)) for (const key of Object.keys(machine.context)) provided.add(key);
  for (const path of check.setPaths) provided.add(path.split('.')[0] ?? path);
  if (check.savesFacts) {
    for (const hook of check.usedHooks.keys()) for (const key of ownValue(registry.hooks, hook)?.provides ?? []) provided.add(key);
  }
  const report = (what: string, needs: string[] | undefined, path: string) => {
    const missing = (needs ?? []).filter((need) => !provided.has(need.split('.')[0] ?? need));
    if (missing.length === 0) return;
    const sources = list([...check.usedHooks.keys()].filter((h) => (ownValue(registry.hooks, h)?.provides ?? []).length > 0));
    out.error(path, `${what} reads context.${missing.join(', context.')}, which this flow never sets (the static context, setContext, or the facts of a hook saved with saveFacts: hooks named here: ${sources})`);
  };
  for (const [name, path] of check.usedDelays) report(`delay '${name}'`, ownValue(registry.delays, name)?.needs, path);
  for (const [name, path] of check.usedHooks) report(`hook '${name}'`, ownValue(registry.hooks, name)?.needs, path);
}

/**
 * Every problem of a bundle `{ definition, forms }`, each with a JSON path into the bundle, a
 * precise message and a severity; an empty list (or warnings only) means it may be built and
 * published. `registry`: the vocabulary the flow may name (the generic one and the installed
 * packs'). Pure; never throws, whatever it is given (null, arrays, half-written drafts).
 */
export function validateBundle(bundle: unknown, registry: Registry = genericRegistry): Finding[] {
  const out = new Findings();
  if (!isRecord(bundle)) {
    out.error('$', `a bundle must be an object { definition, forms }, got ${kindOf(bundle)}`);
    return out.list;
  }
  const forms = checkForms(out, bundle.forms, registry);
  const { definition } = bundle;
  if (!isRecord(definition)) {
    const message = definition === undefined ? 'definition is missing' : `definition must be an object, got ${kindOf(definition)}`;
    out.error('$.definition', message);
    return out.list;
  }
  checkDefinition(out, definition, forms, registry);
  return out.list;
}
