/**
 * One rule for each kind of name a definition or a request may carry. The validator and the
 * server check names with these same functions, so a name that publishes is a name requests can
 * use, and a name a request is refused for never publishes. Pure.
 */

/** A flow's key: lowercase letters, digits and hyphens, 3 to 48 characters, starting with a letter. */
export const FLOW_KEY = /^[a-z][a-z0-9-]{2,47}$/;
/** An event type: capitals, digits and `_`, in dot-separated parts (`SUBMIT`, `REVIEW.APPROVE`), at most 64 characters. */
export const EVENT_TYPE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;
/** A state key: a letter, then letters, digits, `_` or `-` (no `.`, `#`, `(`, `,`: they structure state strings). */
export const STATE_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** A registry name (guard, action, delay, hook), a policy delay or a template: camelCase letters and digits. */
export const REGISTRY_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;
/** A staff group (`finance`, `zoning`, `verification`): lowercase letters, digits and hyphens. */
export const GROUP_NAME = /^[a-z][a-z0-9-]{0,31}$/;
/** A document kind (`idCard`, `sponsorLetter`): a letter, then letters and digits; it names a form field too. */
export const DOCUMENT_KIND = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

const MAX_EVENT_TYPE = 64;

/** Why `key` cannot be a flow key, or undefined when it can. */
export function flowKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'a flow key must be a string such as "stay-permit"';
  if (FLOW_KEY.test(key)) return undefined;
  return `'${key}' is not a flow key: use 3 to 48 lowercase letters, digits and hyphens, starting with a letter, e.g. "stay-permit"`;
}

/** Why `type` cannot be an event type, or undefined when it can. */
export function eventTypeProblem(type: unknown): string | undefined {
  if (typeof type !== 'string' || type === '') return 'an event type must be a non-empty string such as "SUBMIT"';
  if (type.startsWith('xstate.')) return `event type '${type}' is reserved: 'xstate.' events come from XState itself`;
  if (type.includes('*')) return `wildcard event '${type}' is not supported: list each event so its roles and form can be checked`;
  if (type.length > MAX_EVENT_TYPE) return `event type '${type.slice(0, 20)}…' is longer than ${MAX_EVENT_TYPE} characters`;
  if (!EVENT_TYPE.test(type)) {
    const suggestion = type.toUpperCase().replace(/[^A-Z0-9_.]+/g, '_').replace(/^[^A-Z]+/, '');
    const hint = suggestion && EVENT_TYPE.test(suggestion) ? `, e.g. "${suggestion}"` : '';
    return `event type '${type}' must be written in capitals, digits and '_', in dot-separated parts that start with a letter${hint}`;
  }
  return undefined;
}

/** True when `type` is an event type a client may send. */
export const isEventType = (type: unknown): type is string => eventTypeProblem(type) === undefined;

/** Why `key` cannot be a state key, or undefined when it can. */
export function stateKeyProblem(key: string): string | undefined {
  if (STATE_KEY.test(key)) return undefined;
  return `state key '${key}' must start with a letter and hold only letters, digits, '_' or '-' (at most 64 characters)`;
}

/** Why `name` cannot be a registry name of `what` (delay, template…), or undefined when it can. */
export function registryNameProblem(name: string, what: string): string | undefined {
  if (REGISTRY_NAME.test(name)) return undefined;
  return `${what} name '${name}' must be camelCase: a lowercase letter, then letters and digits (e.g. "paymentWindow")`;
}

/** Why `name` cannot be a group, or undefined when it can. */
export function groupNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && GROUP_NAME.test(name)) return undefined;
  return `group ${JSON.stringify(name)} must be lowercase letters, digits and hyphens, starting with a letter (e.g. "finance")`;
}

/** Why `kind` cannot be a document kind, or undefined when it can. */
export function documentKindProblem(kind: string): string | undefined {
  if (DOCUMENT_KIND.test(kind)) return undefined;
  return `document kind '${kind}' must start with a letter and hold only letters and digits (it names the form field that refers to it)`;
}
