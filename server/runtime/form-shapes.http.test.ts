/**
 * Forms whose fields are declared under `if/then/else`, `anyOf` and `dependencies` (the
 * react-jsonschema-form playground's own samples `ifThenElse`, `anyOf` and `schemaDependencies`,
 * as fixture forms of the fixture flow test-shapes): valid data is accepted (200) as JSON Schema
 * accepts it, invalid data is refused (422) with a pointer per problem, and a field the form
 * declares nowhere is still refused ("is not a field of this form").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';

type Problem = { status: number; type: string; errors?: { pointer: string; message: string; keyword?: string }[] };
type View = { id: string; state: string; version: number; data: Record<string, unknown>; events: { type: string; form?: { id: string; schema: unknown } }[] };

const NOT_A_FIELD = 'is not a field of this form';

/** The schemaDependencies sample's own formData. */
const dependenciesSample = {
  billingDetails: { name: 'Randy' },
  petOwner: { 'Do you have any pets?': 'No' },
  petOwners: [
    { 'Do you have any pets?': 'Yes: One', 'How old is your pet?': 6 },
    { 'Do you have any pets?': 'Yes: More than one', 'Do you want to get rid of any?': false },
  ],
  householdMembers: [
    { 'Do you have any pets?': 'No' },
    { 'Do you have any pets?': 'Yes: One', 'How old is your pet?': 6 },
    { 'Do you have any pets?': 'Yes: More than one', 'Do you want to get rid of any?': true },
  ],
};

describe.each(providers())('form shapes of the react-jsonschema-form playground (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  let app: View;

  const send = (type: string, data: unknown) => applicant.post<View & Problem>(`/api/applications/${app.id}/events`, { type, data }, { 'accept-language': 'en' });
  const accepted = async (type: string, data: unknown) => {
    const r = await send(type, data);
    expect(r.status, `${type} ${JSON.stringify(data)}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };
  /** The pointers of a 422 (each once) and its messages by pointer. */
  const refused = async (type: string, data: unknown) => {
    const before = (await applicant.get<View>(`/api/applications/${app.id}`)).body.version;
    const r = await send(type, data);
    expect(r.status, `${type} ${JSON.stringify(data)}: ${JSON.stringify(r.body)}`).toBe(422);
    expect(r.contentType).toContain('application/problem+json');
    expect((await applicant.get<View>(`/api/applications/${app.id}`)).body.version).toBe(before);
    const errors = r.body.errors ?? [];
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    const messages = (pointer: string) => errors.filter((e) => e.pointer === pointer).map((e) => e.message);
    return { pointers: [...new Set(errors.map((e) => e.pointer))].sort(), messages };
  };

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    applicant = srv.client();
    await applicant.signUp(`shapes-${provider}@example.id`);
    const r = await applicant.post<View>('/api/applications', { flow: 'test-shapes' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    app = r.body;
  });
  afterAll(() => srv?.close());

  it('offers each form with its event, the schema as written', async () => {
    const forms = Object.fromEntries(app.events.filter((e) => e.form).map((e) => [e.type, e.form!.id]));
    expect(forms).toEqual({ IF_THEN_ELSE: 'test-if-then-else', ANY_OF: 'test-any-of', DEPENDENCIES: 'test-dependencies' });
    const ifThenElse = app.events.find((e) => e.type === 'IF_THEN_ELSE')!.form!.schema as { allOf: unknown[]; unevaluatedProperties?: unknown };
    expect(ifThenElse.allOf).toHaveLength(3);
    // the server closes the form for itself; the client gets the form as written
    expect(ifThenElse.unevaluatedProperties).toBeUndefined();
    // and the fixture flow validates without findings
    const policy = srv.client();
    await policy.loginAs('policy');
    const findings = await policy.post<{ severity: string; message: string }[]>('/api/flows/test-shapes/versions/1/validate');
    expect(findings.body).toEqual([]);
  });

  describe('if/then/else (ifThenElse)', () => {
    it('accepts the fields of the branch the data takes', async () => {
      expect((await accepted('IF_THEN_ELSE', { animal: 'Cat', food: 'meat' })).data.ifThenElse).toEqual({ animal: 'Cat', food: 'meat' });
      expect((await accepted('IF_THEN_ELSE', { animal: 'Fish', food: 'worms', water: 'sea' })).data.ifThenElse).toMatchObject({ animal: 'Fish', food: 'worms', water: 'sea' });
    });

    it('refuses invalid data with a pointer per field', async () => {
      // as JSON Schema says: without an animal both `if`s hold (no `required` in them), so both `then`s apply
      expect((await refused('IF_THEN_ELSE', {})).pointers).toEqual(['/animal', '/food', '/water']);
      expect((await refused('IF_THEN_ELSE', { animal: 'Dog' })).pointers).toEqual(['/animal']);
      expect((await refused('IF_THEN_ELSE', { animal: 'Cat' })).pointers).toEqual(['/food']);
      const fish = await refused('IF_THEN_ELSE', { animal: 'Fish', food: 'meat' });
      expect(fish.pointers).toEqual(['/food', '/water']);
      expect(fish.messages('/food').join(' ')).not.toContain(NOT_A_FIELD);
    });

    it("refuses a field of the branch the data does not take, and a field the form declares nowhere", async () => {
      const cat = await refused('IF_THEN_ELSE', { animal: 'Cat', food: 'meat', water: 'lake' });
      expect(cat.pointers).toEqual(['/water']);
      expect(cat.messages('/water')).toEqual([NOT_A_FIELD]);
      const extra = await refused('IF_THEN_ELSE', { animal: 'Cat', food: 'meat', colour: 'ginger' });
      expect(extra.pointers).toEqual(['/colour']);
      expect(extra.messages('/colour')).toEqual([NOT_A_FIELD]);
      // with another error too, the unknown field is still named
      const both = await refused('IF_THEN_ELSE', { animal: 'Cat', colour: 'ginger' });
      expect(both.pointers).toEqual(['/colour', '/food']);
    });
  });

  describe('anyOf', () => {
    it('accepts the fields of either alternative, and an array of items of either shape', async () => {
      const first = await accepted('ANY_OF', { age: 40, firstName: 'Chuck', lastName: 'Norris', items: [{ foo: 'a' }, { bar: 'b' }] });
      expect(first.data.anyOf).toMatchObject({ age: 40, firstName: 'Chuck', lastName: 'Norris', items: [{ foo: 'a' }, { bar: 'b' }] });
      expect((await accepted('ANY_OF', { idCode: 'ID-123' })).data.anyOf).toMatchObject({ idCode: 'ID-123' });
      await accepted('ANY_OF', { firstName: 'Chuck', idCode: 'ID-123' });
      await accepted('ANY_OF', {});
    });

    it('refuses invalid data with a pointer per field', async () => {
      expect((await refused('ANY_OF', { age: 'forty' })).pointers).toEqual(['/age']);
      expect((await refused('ANY_OF', { age: 40.5, idCode: 'ID-123' })).pointers).toEqual(['/age']);
      expect((await refused('ANY_OF', { items: 'foo' })).pointers).toEqual(['/items']);
      expect((await refused('ANY_OF', { items: ['foo'] })).pointers).toEqual(['/items/0']);
      // no alternative declares a lastName that is a number
      expect((await refused('ANY_OF', { lastName: 7 })).pointers).toEqual(['/lastName']);
    });

    it('refuses a field no alternative declares', async () => {
      const extra = await refused('ANY_OF', { idCode: 'ID-123', nickname: 'Chuck' });
      expect(extra.pointers).toEqual(['/nickname']);
      expect(extra.messages('/nickname')).toEqual([NOT_A_FIELD]);
    });
  });

  describe('dependencies (schemaDependencies)', () => {
    it("accepts the sample's own data, and a field added by a property dependency", async () => {
      const r = await accepted('DEPENDENCIES', dependenciesSample);
      expect(r.data.dependencies).toEqual(dependenciesSample);
      const card = { ...dependenciesSample, billingDetails: { name: 'Randy', credit_card: 4111111111111111, billing_address: 'Jl. Merdeka 1, Kupang' } };
      expect((await accepted('DEPENDENCIES', card)).data.dependencies).toMatchObject({ billingDetails: card.billingDetails });
      await accepted('DEPENDENCIES', {});
    });

    it('refuses invalid data with pointers into objects and arrays', async () => {
      expect((await refused('DEPENDENCIES', { billingDetails: {} })).pointers).toEqual(['/billingDetails/name']);
      expect((await refused('DEPENDENCIES', { billingDetails: { name: 'Randy', credit_card: 4111 } })).pointers).toEqual(['/billingDetails/billing_address']);
      const owner = await refused('DEPENDENCIES', { petOwner: { 'Do you have any pets?': 'Yes: One' } });
      expect(owner.pointers).toContain('/petOwner/How old is your pet?');
      expect(owner.pointers.every((p) => p.startsWith('/petOwner'))).toBe(true);
      const members = await refused('DEPENDENCIES', {
        householdMembers: [{ 'Do you have any pets?': 'No' }, { 'Do you have any pets?': 'Yes: More than one' }],
      });
      expect(members.pointers).toContain('/householdMembers/1/Do you want to get rid of any?');
      expect(members.pointers.every((p) => p.startsWith('/householdMembers/1'))).toBe(true);
      expect((await refused('DEPENDENCIES', { petOwners: [{ 'Do you have any pets?': 'Maybe' }] })).pointers).toContain('/petOwners/0/Do you have any pets?');
    });

    it('refuses a field the form declares nowhere', async () => {
      const extra = await refused('DEPENDENCIES', { ...dependenciesSample, shippingDetails: { name: 'Randy' } });
      expect(extra.pointers).toEqual(['/shippingDetails']);
      expect(extra.messages('/shippingDetails')).toEqual([NOT_A_FIELD]);
    });
  });

  it('kept every accepted answer and ends', async () => {
    const done = await accepted('DONE', undefined);
    expect(done.state).toBe('done');
    expect(Object.keys(done.data).sort()).toEqual(['anyOf', 'dependencies', 'ifThenElse']);
  });
});
