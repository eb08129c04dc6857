/** Checks of a registry reference in a definition: the name exists, its params fit the entry's schema and checks. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { at, list, type Findings, type Json } from './findings.ts';
import { COMBINATORS } from './machine-config.ts';
import { isRecord, ownValue } from './object-path.ts';
import type { ActionEntry, CheckScope, GuardEntry, HookEntry, JsonSchema, Registry } from './registry.ts';

let paramsAjv: Ajv | undefined;
const paramValidators = new WeakMap<JsonSchema, ValidateFunction>();

function paramValidator(schema: JsonSchema): ValidateFunction {
  paramsAjv ??= new Ajv({ allErrors: true, allowUnionTypes: true });
  let validate = paramValidators.get(schema);
  if (!validate) {
    validate = paramsAjv.compile(schema);
    paramValidators.set(schema, validate);
  }
  return validate;
}

function describeAjvError(error: ErrorObject, schema: JsonSchema): { segments: string[]; message: string } {
  const segments = error.instancePath.split('/').slice(1);
  const name = segments.join('.') || 'params';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { segments, message: `missing required param '${String(params.missingProperty)}'` };
    case 'additionalProperties': {
      const allowed = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
      return {
        segments: [...segments, String(params.additionalProperty)],
        message: `unknown param '${String(params.additionalProperty)}'; allowed: ${list(allowed)}`,
      };
    }
    case 'enum':
      return { segments, message: `${name} must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { segments, message: `${name} ${error.message ?? 'is invalid'}` };
  }
}

/** What a definition may name with `{ "type", "params" }`: guards, actions and (in `meta.events`) server hooks. */
export type ReferenceKind = 'guard' | 'action' | 'hook';
const SECTION = { guard: 'guards', action: 'actions', hook: 'hooks' } as const;

/**
 * Reports an unknown guard, action or hook name, params that do not fit the entry's JSON Schema,
 * and the entry's own checks (policy keys, templates), each at its path. Returns the params when
 * they are valid (`{}` when omitted), else undefined.
 */
export function checkReference(
  out: Findings,
  registry: Registry,
  kind: ReferenceKind,
  name: string,
  params: unknown,
  path: string,
  scope: CheckScope,
): Json | undefined {
  const entries: Record<string, GuardEntry | ActionEntry | HookEntry> = registry[SECTION[kind]];
  const entry = ownValue(entries, name);
  if (!entry) {
    const known = Object.keys(entries).sort().join(', ');
    const combine = kind === 'guard' ? `; combine them with { "type": "${COMBINATORS.join('" | "')}" }` : '';
    out.error(path, `unknown ${kind} '${name}'; known ${kind}s: ${known}${combine}`);
    return undefined;
  }
  const paramsPath = at(path, 'params');
  if (!entry.params) {
    if (params === undefined) return {};
    out.error(paramsPath, `${kind} '${name}' takes no params`);
    return undefined;
  }
  const base = params === undefined ? path : paramsPath;
  const validate = paramValidator(entry.params);
  if (!validate(params ?? {})) {
    for (const error of validate.errors ?? []) {
      const { segments, message } = describeAjvError(error, entry.params);
      out.error(at(base, ...segments), `invalid params for ${kind} '${name}': ${message}`);
    }
    return undefined;
  }
  const valid = (params ?? {}) as Json;
  const problems = entry.check?.(valid, scope) ?? [];
  for (const problem of problems) out.error(at(base, ...problem.path), problem.message);
  return problems.length === 0 ? valid : undefined;
}
