/** Errors thrown by the pure engine. The server maps them to problem+json; the engine never does. */
import type { Finding } from './types.ts';

/** A definition failed validation: `findings` holds every error (and warning) the validator reported. */
export class DefinitionInvalidError extends Error {
  constructor(
    readonly key: string,
    readonly findings: Finding[],
  ) {
    const errors = findings.filter((f) => f.severity === 'error');
    const first = errors.slice(0, 3).map((f) => `${f.path}: ${f.message}`);
    const more = errors.length > first.length ? ` (and ${errors.length - first.length} more)` : '';
    super(`definition '${key}' is invalid: ${first.join('; ')}${more}`);
    this.name = 'DefinitionInvalidError';
  }
}

/** A persisted snapshot cannot be restored into this machine (other version, renamed states, not a snapshot). */
export class SnapshotIncompatibleError extends Error {
  constructor(detail: string) {
    super(`snapshot cannot be restored: ${detail}`);
    this.name = 'SnapshotIncompatibleError';
  }
}

/**
 * A registry delay or hook needs a context value the application does not have (a definition that
 * uses it where the flow never sets it). The validator refuses such flows; the server answers 409
 * with this message should one run anyway, and writes nothing.
 */
export class ContextMissingError extends Error {
  constructor(
    /** The delay or hook, e.g. "delay 'endOfInspectionDay'". */
    readonly who: string,
    /** The context path it needs, e.g. "inspection.date" (or "now", the time of the event). */
    readonly path: string,
    detail: string,
  ) {
    super(`${who}: ${detail}`);
    this.name = 'ContextMissingError';
  }
}
