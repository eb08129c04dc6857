import { describe, expect, it } from 'vitest';
import { buildFlow } from './build.ts';
import { DefinitionInvalidError } from './errors.ts';
import { testChainBundle, testPermitBundle } from './fixtures/bundles.ts';
import { testRegistry } from './fixtures/vocabulary.ts';
import type { FlowBundle } from './types.ts';
import { validateBundle as validateWith } from './validate.ts';

/** The validator with the generic registry and the test pack (machines/fixtures/vocabulary.ts). */
const validateBundle = (bundle: unknown) => validateWith(bundle, testRegistry);

type Edit = [path: string | string[], value: unknown];

/**
 * Sets (or, for `undefined`, deletes) the value at a path: dotted, such as
 * `definition.machine.states.draft.on.SUBMIT.0.guard`, or a list of keys when a key holds a dot.
 */
function edited(bundle: FlowBundle, ...edits: Edit[]): unknown {
  for (const [path, value] of edits) {
    const segments = typeof path === 'string' ? path.split('.') : [...path];
    const last = segments.pop() as string;
    let node = bundle as unknown as Record<string, unknown>;
    for (const segment of segments) node = node[segment] as Record<string, unknown>;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return bundle;
}

const M = '$.definition.machine';
const S = `${M}.states`;
const SUBMIT = 'definition.machine.states.draft.on.SUBMIT.0';
const REVIEW = 'definition.machine.states.review';
const DRAFT_EVENTS = 'definition.machine.states.draft.meta.events';

const errorsOf = (bundle: unknown) => validateBundle(bundle).filter((f) => f.severity === 'error');
const warningsOf = (bundle: unknown) => validateBundle(bundle).filter((f) => f.severity === 'warning');

describe('validateBundle on the shipped fixtures', () => {
  it('finds nothing wrong with test-permit and test-chain', () => {
    expect(validateBundle(testPermitBundle())).toEqual([]);
    expect(validateBundle(testChainBundle())).toEqual([]);
  });
});

describe('validateBundle rejects a broken test-permit', () => {
  const cases: [what: string, edits: Edit[], path: string, message: string][] = [
    [
      'an unknown guard',
      [[`${SUBMIT}.guard.type`, 'isCompleet']],
      `${S}.draft.on.SUBMIT[0].guard`,
      "unknown guard 'isCompleet'; known guards: compare, contextEquals, contextIn, dataEquals, dataIn, hasContext, hasData",
    ],
    [
      'an unknown guard inside and/not',
      [[`${SUBMIT}.guard`, { type: 'and', guards: [{ type: 'hasData', params: { field: 'age' } }, { type: 'not', guard: 'isAdult' }] }]],
      `${S}.draft.on.SUBMIT[0].guard.guards[1].guard`,
      "unknown guard 'isAdult'",
    ],
    ['an empty and', [[`${SUBMIT}.guard`, { type: 'and', guards: [] }]], `${S}.draft.on.SUBMIT[0].guard.guards`, "'and' needs a non-empty list 'guards'"],
    [
      'an unknown action',
      [[`${REVIEW}.on.APPROVE`, { target: 'approved', actions: ['sendSMS'] }]],
      `${S}.review.on.APPROVE.actions[0]`,
      "unknown action 'sendSMS'; known actions: notify, releaseHold, save, saveAt, saveFacts, setContext, stamp",
    ],
    [
      'an unknown guard on an always transition',
      [[`${REVIEW}.always`, { guard: 'isUrgent', target: 'approved' }]],
      `${S}.review.always.guard`,
      "unknown guard 'isUrgent'",
    ],
    ['an unknown entry action', [[`${REVIEW}.entry`, 'pageSupervisor']], `${S}.review.entry`, "unknown action 'pageSupervisor'"],
    [
      'an unknown delay',
      [[`${REVIEW}.after`, { reviewWindw: 'expired' }]],
      `${S}.review.after.reviewWindw`,
      'unknown delay \'reviewWindw\'; known delays: slotEnd, reviewWindow; declare it in policy.delays as an ISO 8601 duration (e.g. "P7D")',
    ],
    [
      'a target that does not exist',
      [[`${REVIEW}.on.APPROVE`, 'aproved']],
      `${S}.review.on.APPROVE`,
      "target 'aproved' does not exist: the machine root has no state 'aproved'; its states: draft, review, tooYoung, approved, rejected, expired, cancelled",
    ],
    [
      'a delayed target that does not exist',
      [[`${REVIEW}.after.reviewWindow`, { target: '#testPermit.expird' }]],
      `${S}.review.after.reviewWindow.target`,
      "target '#testPermit.expird' does not exist: the machine root has no state 'expird'",
    ],
    ['an id target that does not exist', [[`${REVIEW}.on.APPROVE`, '#nope']], `${S}.review.on.APPROVE`, "no state has id 'nope'"],
    [
      'an unreachable state',
      [['definition.machine.states.orphan', { type: 'final', meta: { label: { id: 'Yatim', en: 'Orphan' } } }]],
      `${S}.orphan`,
      "state 'orphan' is unreachable",
    ],
    [
      'a non-final state with no way out',
      [
        [`${REVIEW}.on.HOLD`, 'limbo'],
        ['definition.machine.states.limbo', { meta: { status: 'onHold' } }],
      ],
      `${S}.limbo`,
      "state 'limbo' is not final and has no way out",
    ],
    [
      'a missing form',
      [['definition.machine.states.draft.meta.form', 'test-detail']],
      `${S}.draft.meta.form`,
      "form 'test-detail' is not in the bundle's forms; forms: test-details, test-reject",
    ],
    ['a missing event form', [[`${REVIEW}.meta.events.REJECT.form`, 'reject']], `${S}.review.meta.events.REJECT.form`, "form 'reject' is not in the bundle's forms"],
    [
      'a form schema that does not compile',
      [['forms.test-reject.schema.properties.reason.minLength', 'three']],
      '$.forms["test-reject"].schema',
      'schema does not compile: schema is invalid: data/properties/reason/minLength must be integer',
    ],
    [
      'a form field with an unknown format',
      [['forms.test-details.schema.properties.email.format', 'emial']],
      '$.forms["test-details"].schema',
      'schema does not compile: Ajv would ignore part of it: unknown format "emial" ignored in schema at path "#/properties/email"',
    ],
    ['a form schema that is not an object schema', [['forms.test-reject.schema.type', 'array']], '$.forms["test-reject"].schema.type', 'a form schema must have "type": "object", got "array"'],
    ['a form whose id is not its key', [['forms.test-reject.id', 'reject']], '$.forms["test-reject"].id', "form id 'reject' does not match its key 'test-reject' in forms"],
    [
      'an unknown role',
      [[`${REVIEW}.meta.roles`, ['officer', 'clerk']]],
      `${S}.review.meta.roles[1]`,
      'unknown role "clerk"; known roles: applicant, officer, policy, auditor, admin',
    ],
    [
      'an event nobody may send',
      [[`${REVIEW}.meta.roles`, undefined]],
      `${S}.review.on.APPROVE`,
      "no role may send 'APPROVE' in state 'review': set meta.roles on it or an ancestor, or meta.events.APPROVE.roles",
    ],
    [
      'a state whose roles are empty',
      [[`${REVIEW}.meta.roles`, []]],
      `${S}.review.on.APPROVE`,
      "no role may send 'APPROVE' in state 'review': meta.roles of state 'review' is empty",
    ],
    [
      'a notify template missing from messages',
      [[`${SUBMIT}.actions.2.params.template`, 'submited']],
      `${S}.draft.on.SUBMIT[0].actions[2].params.template`,
      "notify template 'submited' is not in messages; messages: submitted",
    ],
    [
      'a delay in months',
      [['definition.policy.delays.reviewWindow', 'P1M']],
      '$.definition.policy.delays.reviewWindow',
      "delay 'reviewWindow': 'P1M' uses months or years, whose length varies",
    ],
    [
      'a delay that is not ISO 8601',
      [['definition.policy.delays.reviewWindow', '2 hours']],
      '$.definition.policy.delays.reviewWindow',
      "'2 hours' is not an ISO 8601 duration",
    ],
    [
      'a compare guard pointing at a missing policy key',
      [[`${SUBMIT}.guard.params.policy`, 'minimumAge']],
      `${S}.draft.on.SUBMIT[0].guard.params.policy`,
      "policy key 'minimumAge' does not exist; policy keys: minAge, delays",
    ],
    [
      'a compare guard pointing at a policy key that is not a number',
      [['definition.policy.minAge', '17']],
      `${S}.draft.on.SUBMIT[0].guard.params.policy`,
      'policy key \'minAge\' must hold a number, but holds "17"',
    ],
    [
      'a compare guard with both value and policy',
      [[`${SUBMIT}.guard.params.value`, 17]],
      `${S}.draft.on.SUBMIT[0].guard.params`,
      "compare needs exactly one of 'value' or 'policy'",
    ],
    [
      'a params value outside the allowed ones',
      [[`${SUBMIT}.guard.params.op`, '=>']],
      `${S}.draft.on.SUBMIT[0].guard.params.op`,
      "invalid params for guard 'compare': op must be one of: <, <=, >, >=, ==, !=",
    ],
    [
      'a missing required param',
      [[`${SUBMIT}.guard.params.field`, undefined]],
      `${S}.draft.on.SUBMIT[0].guard.params`,
      "invalid params for guard 'compare': missing required param 'field'",
    ],
    [
      'a misspelt param',
      [[`${SUBMIT}.actions.2.params.templat`, 'submitted']],
      `${S}.draft.on.SUBMIT[0].actions[2].params.templat`,
      "invalid params for action 'notify': unknown param 'templat'; allowed: template",
    ],
    ['a guard named without its required params', [[`${SUBMIT}.guard`, 'hasData']], `${S}.draft.on.SUBMIT[0].guard`, "invalid params for guard 'hasData': missing required param 'field'"],
    ['a key that is not a flow key', [['definition.key', 'Test_Permit']], '$.definition.key', "'Test_Permit' is not a flow key: use 3 to 48 lowercase letters"],
    ['a machine without id', [['definition.machine.id', undefined]], `${M}.id`, 'machine.id is missing'],
    ['a title without English', [['definition.title', { id: 'Izin' }]], '$.definition.title.en', "title needs the English text 'en'"],
    ['a root without initial', [['definition.machine.initial', undefined]], M, "the machine root has child states but no 'initial'; its states: draft, review"],
    ['an initial that is not a child', [['definition.machine.initial', 'start']], `${M}.initial`, 'initial state "start" is not a child of the machine root'],
    ['XState v4 cond', [[`${SUBMIT}.cond`, 'isAdult']], `${S}.draft.on.SUBMIT[0].cond`, "'cond' is XState v4; use 'guard'"],
    ['invoke', [[`${REVIEW}.invoke`, { src: 'fetchRecords' }]], `${S}.review.invoke`, "'invoke' is not supported"],
    ['a misspelt state key', [[`${REVIEW}.entyr`, 'save']], `${S}.review.entyr`, "unknown key 'entyr' in state 'review'; allowed: id, type"],
    ['a status that is not a string', [[`${REVIEW}.meta.status`, 3]], `${S}.review.meta.status`, 'meta.status must be a non-empty string, got a number'],
    ['a wildcard event', [['definition.machine.states.draft.on.*', 'cancelled']], `${S}.draft.on["*"]`, "wildcard event '*' is not supported"],
    ['a reserved event type', [[['definition', 'machine', 'states', 'draft', 'on', 'xstate.init'], 'cancelled']], `${S}.draft.on["xstate.init"]`, "event type 'xstate.init' is reserved"],
    [
      'a policy delay named like a computed one',
      [['definition.policy.delays.slotEnd', 'PT1H']],
      '$.definition.policy.delays.slotEnd',
      "delay 'slotEnd' is also a computed delay in the registry; rename one of them",
    ],
    ['a policy that is not an object', [['definition.policy', [17]]], '$.definition.policy', 'policy must be an object, got an array'],
    [
      'an unknown hook',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'reserv' }]],
      `${S}.draft.meta.events.SUBMIT.hook`,
      "unknown hook 'reserv'; known hooks: checkStock, confirmSlot, reserve, weigh",
    ],
    [
      'a hook param that the hook does not take',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'weigh', params: { kinds: ['box'] } }]],
      `${S}.draft.meta.events.SUBMIT.hook.params.kinds`,
      "invalid params for hook 'weigh': unknown param 'kinds'; allowed: (none)",
    ],
    [
      'a checkStock hook naming a policy key that does not exist',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'checkStock', params: { policy: 'stockAbroad' } }]],
      `${S}.draft.meta.events.SUBMIT.hook.params.policy`,
      'policy.stockAbroad must be a list of items',
    ],
    [
      'hook params that are not an object',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'reserve', params: ['JKT'] }]],
      `${S}.draft.meta.events.SUBMIT.hook.params`,
      "invalid params for hook 'reserve': params must be object",
    ],
    [
      'a hook written as a name',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, 'reserve']],
      `${S}.draft.meta.events.SUBMIT.hook`,
      'a hook must be { "type": <hook name>, "params"?: {…} }, got a string; write { "type": "reserve" }',
    ],
    [
      'a hook without a type',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, { params: {} }]],
      `${S}.draft.meta.events.SUBMIT.hook.type`,
      'a hook needs "type", the name of a hook (known hooks: checkStock, confirmSlot, reserve, weigh), got nothing',
    ],
    [
      'a misspelt key in a hook',
      [[`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'reserve', param: {} }]],
      `${S}.draft.meta.events.SUBMIT.hook.param`,
      "unknown key 'param' in a hook; allowed: type, params",
    ],
    [
      'a contextIn guard without values',
      [[`${SUBMIT}.guard`, { type: 'contextIn', params: { path: 'data.reason', values: [] } }]],
      `${S}.draft.on.SUBMIT[0].guard.params.values`,
      "invalid params for guard 'contextIn': values must NOT have fewer than 1 items",
    ],
    [
      'a hasContext guard with a path that is not dotted',
      [[`${SUBMIT}.guard`, { type: 'hasContext', params: { path: 'appointment/date' } }]],
      `${S}.draft.on.SUBMIT[0].guard.params.path`,
      "invalid params for guard 'hasContext': path must match pattern",
    ],
    [
      'saveFacts with params',
      [[`${SUBMIT}.actions.0`, { type: 'saveFacts', params: { into: 'booking' } }]],
      `${S}.draft.on.SUBMIT[0].actions[0].params`,
      "action 'saveFacts' takes no params",
    ],
  ];

  it.each(cases)('reports %s', (_what, edits, path, message) => {
    const findings = errorsOf(edited(testPermitBundle(), ...edits));
    expect(findings).toContainEqual({ path, message: expect.stringContaining(message), severity: 'error' });
  });

  it('reports a root target that is not relative', () => {
    const findings = errorsOf(edited(testChainBundle(), ['definition.machine.on.CANCEL', 'done']));
    expect(findings).toEqual([
      { path: `${M}.on.CANCEL`, message: "target 'done' on the machine root must start with '.' (a child) or '#' (an id): use '.done'", severity: 'error' },
    ]);
  });

  it('reports each problem once, at the place it occurs', () => {
    const findings = errorsOf(edited(testPermitBundle(), [`${REVIEW}.on.APPROVE`, { target: 'approved', actions: ['sendSMS', 'sendSMS'] }]));
    expect(findings.map((f) => f.path)).toEqual([`${S}.review.on.APPROVE.actions[0]`, `${S}.review.on.APPROVE.actions[1]`]);
  });

  it('does not echo a structural error with reachability or XState findings', () => {
    const findings = validateBundle(edited(testPermitBundle(), [`${REVIEW}.on.APPROVE`, 'aproved']));
    expect(findings).toEqual([expect.objectContaining({ path: `${S}.review.on.APPROVE` })]);
  });
});

describe('validateBundle on nested and parallel states', () => {
  const bundleWith = (states: Record<string, unknown>): FlowBundle => ({
    definition: {
      key: 'nested',
      title: { id: 'Bersarang', en: 'Nested' },
      policy: {},
      machine: { id: 'nested', initial: 'work', meta: { roles: ['officer'] }, states: { ...states, done: { type: 'final' } } },
    },
    forms: {},
  });

  it('reports a child that is neither its parent\'s initial nor a target, even though its parent is reachable', () => {
    const bundle = bundleWith({
      work: { initial: 'docs', states: { docs: { on: { NEXT: 'fees' } }, fees: { on: { DONE: '#nested.done' } }, archive: { on: { DONE: '#nested.done' } } } },
    });
    expect(errorsOf(bundle)).toEqual([
      { path: `${S}.work.states.archive`, message: expect.stringContaining("state 'work.archive' is unreachable"), severity: 'error' },
    ]);
  });

  it('accepts a waiting region when another region can leave the parallel state', () => {
    const bundle = bundleWith({
      work: { type: 'parallel', states: { a: { initial: 'waiting', states: { waiting: {} } }, b: { initial: 'x', states: { x: { on: { GO: '#nested.done' } } } } } },
    });
    expect(errorsOf(bundle)).toEqual([]);
  });

  it('reports a waiting region when nothing can leave the parallel state', () => {
    const bundle = bundleWith({
      work: {
        type: 'parallel',
        states: { a: { initial: 'waiting', states: { waiting: {} } }, b: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: { type: 'final' } } } },
        onDone: 'done',
      },
    });
    expect(errorsOf(bundle)).toEqual([
      { path: `${S}.work.states.a.states.waiting`, message: expect.stringContaining("state 'work.a.waiting' is not final and has no way out"), severity: 'error' },
    ]);
  });
});

describe('validateBundle on server hooks', () => {
  it('accepts a known hook, with or without empty params, next to the vocabulary it feeds', () => {
    const bundle = edited(
      testPermitBundle(),
      [`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'reserve' }],
      [`${REVIEW}.meta.events.APPROVE.hook`, { type: 'weigh', params: {} }],
      [`${REVIEW}.on.APPROVE`, { target: 'approved', actions: ['saveFacts', 'releaseHold'] }],
      [`${SUBMIT}.guard`, { type: 'and', guards: [{ type: 'hasContext', params: { path: 'data' } }, { type: 'contextIn', params: { path: 'priority', values: [true] } }] }],
    );
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('accepts an event only the system sends (empty roles on the event)', () => {
    const bundle = edited(testPermitBundle(), [`${REVIEW}.meta.events.APPROVE.roles`, []]);
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('accepts a hook on an event an ancestor handles', () => {
    const bundle = edited(testChainBundle(), ['definition.machine.states.a.meta', { events: { CANCEL: { hook: { type: 'weigh' } } } }]);
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('warns, once, that a hook on an event nothing around its state handles never runs', () => {
    const bundle = edited(testPermitBundle(), [`${REVIEW}.meta.events.CHECK_IN`, { hook: { type: 'weigh' } }]);
    expect(validateBundle(bundle)).toEqual([
      {
        path: `${S}.review.meta.events.CHECK_IN`,
        message: "meta.events.CHECK_IN: neither state 'review' nor its ancestors or descendants handle 'CHECK_IN', so its hook 'weigh' never runs",
        severity: 'warning',
      },
    ]);
  });

  it('never throws when a hook or its parts are replaced by a value of another type', () => {
    for (const path of [`${DRAFT_EVENTS}.SUBMIT.hook`, `${DRAFT_EVENTS}.SUBMIT.hook.type`, `${DRAFT_EVENTS}.SUBMIT.hook.params`]) {
      for (const replacement of [null, [], 0, 'x', {}, undefined]) {
        const bundle = edited(testPermitBundle(), [`${DRAFT_EVENTS}.SUBMIT.hook`, { type: 'reserve', params: {} }], [path, replacement]);
        expect(() => validateBundle(bundle)).not.toThrow();
      }
    }
  });
});

describe('validateBundle warnings', () => {
  it('warns when no state is final', () => {
    const bundle = edited(
      testChainBundle(),
      ['definition.machine.on', undefined],
      ['definition.machine.states.done', undefined],
    );
    expect(validateBundle(bundle)).toEqual([
      { path: M, message: 'the machine has no final state: no application can ever finish', severity: 'warning' },
    ]);
  });

  it('warns about an unused form, i18n pointers that do not resolve or name no text, and an unknown meta key', () => {
    const bundle = edited(
      testPermitBundle(),
      [`${REVIEW}.meta.events.REJECT.form`, undefined],
      ['forms.test-details.i18n.en./properties/nmae/title', 'Name'],
      ['forms.test-details.i18n.en./properties/age/maximum', '99'],
      [`${REVIEW}.meta.rols`, ['officer']],
    );
    expect(errorsOf(bundle)).toEqual([]);
    const warnings = warningsOf(bundle);
    expect(warnings).toHaveLength(4);
    expect(warnings).toEqual(expect.arrayContaining([
      { path: '$.forms["test-reject"]', message: "form 'test-reject' is not used by any state", severity: 'warning' },
      {
        path: '$.forms["test-details"].i18n.en["/properties/nmae/title"]',
        message: "'/properties/nmae/title' does not resolve in the schema: its parent does not exist, so the text is never shown",
        severity: 'warning',
      },
      {
        path: '$.forms["test-details"].i18n.en["/properties/age/maximum"]',
        message: expect.stringContaining("'/properties/age/maximum' is not a text, so it is ignored"),
        severity: 'warning',
      },
      { path: `${S}.review.meta.rols`, message: expect.stringContaining("unknown key 'rols' in meta"), severity: 'warning' },
    ]));
  });
});

describe('validateBundle on garbage', () => {
  it.each([
    [null, '$', 'a bundle must be an object { definition, forms }, got null'],
    [[], '$', 'got an array'],
    ['flow', '$', 'got a string'],
    [{ forms: {} }, '$.definition', 'definition is missing'],
    [{ definition: [], forms: {} }, '$.definition', 'definition must be an object, got an array'],
    [{ definition: {}, forms: {} }, '$.definition.machine', 'machine is missing'],
    [{ definition: {} }, '$.forms', 'forms is missing'],
    [{ definition: { machine: [] }, forms: {} }, '$.definition.machine', 'machine must be an XState config object, got an array'],
    [{ definition: { machine: { id: 'm', states: 5 } }, forms: {} }, `${M}.states`, 'states must be an object'],
    [{ definition: { machine: { id: 'm', initial: 'a', states: { a: null } } }, forms: {} }, `${S}.a`, "state 'a' must be an object, got null"],
    [{ definition: {}, forms: { x: 1 } }, '$.forms.x', "form 'x' must be an object"],
  ])('reports %j without throwing', (bundle, path, message) => {
    expect(errorsOf(bundle)).toContainEqual({ path, message: expect.stringContaining(message), severity: 'error' });
  });

  it('never throws when any part of a valid bundle is replaced by a value of another type', () => {
    const paths: string[] = [];
    const walk = (value: unknown, path: string[]) => {
      if (path.length > 0) paths.push(path.join('.'));
      if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(testPermitBundle(), []);
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) {
      for (const replacement of [null, [], 0, 'x', {}]) {
        expect(() => validateBundle(edited(testPermitBundle(), [path, replacement]))).not.toThrow();
      }
    }
  }, 30_000);
});

describe('buildFlow', () => {
  it('throws DefinitionInvalidError carrying the findings', () => {
    const bundle = edited(testPermitBundle(), [`${REVIEW}.on.APPROVE`, 'aproved']) as FlowBundle;
    expect(() => buildFlow(bundle)).toThrow(DefinitionInvalidError);
    try {
      buildFlow(bundle);
    } catch (error) {
      expect((error as DefinitionInvalidError).findings).toEqual(validateBundle(bundle));
      expect((error as Error).message).toContain(`definition 'test-permit' is invalid: ${S}.review.on.APPROVE: target 'aproved'`);
    }
  });

  it('keeps its own copy of the bundle', () => {
    const bundle = testPermitBundle();
    const flow = buildFlow(bundle);
    bundle.definition.title.en = 'changed';
    expect(flow.bundle.definition.title.en).toBe('Test permit');
  });
});

describe('validateBundle on eventless transitions', () => {
  it('warns that stamp on an always or onDone transition writes nothing', () => {
    const bundle = edited(testChainBundle(), ['definition.machine.states.a.always', { guard: { type: 'hasContext', params: { path: 'data.x' } }, target: 'b', actions: [{ type: 'stamp', params: { field: 'at' } }] }]);
    expect(validateBundle(bundle)).toEqual([
      {
        path: `${S}.a.always.actions[0]`,
        message: expect.stringContaining('stamp on an always transition writes nothing'),
        severity: 'warning',
      },
    ]);
  });
});
