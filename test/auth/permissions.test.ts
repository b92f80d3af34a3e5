/**
 * Who may call each operation, as the schema tells clients in the descriptions.
 *
 * The snapshot below is the permission list of the API. A change to it is a change of who may do what: review it
 * as a permission change (is the new rule in POLICY in src/auth/access-policy.ts and in README, is it tested both
 * ways in access-policy.test.ts), never update it with `jest -u` just to make the build green.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { getSchema } from '../../src/graphql/schema';
import { POLICY, requires } from '../../src/auth/access-policy';

/** The closing "Requires: ..." sentence of a description, or null when there is none. */
function requirement(description: string | null | undefined): string | null {
  const match = /(?:^|\s)(Requires: [^]*)$/.exec(description ?? '');
  return match ? match[1].trim() : null;
}

async function rootFields(): Promise<[string, GraphQLField<unknown, unknown>][]> {
  const schema = await getSchema();
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is GraphQLObjectType => Boolean(t));
  return roots.flatMap((root) => Object.values(root.getFields()).map((field) => [`${root.name}.${field.name}`, field] as [string, GraphQLField<unknown, unknown>]));
}

describe('permissions of every operation', () => {
  it('ends the description of every Query and Mutation field with one "Requires: ..." sentence', async () => {
    // given
    const fields = await rootFields();
    // when
    const missing = fields.filter(([, field]) => requirement(field.description) === null).map(([name]) => name);
    const repeated = fields.filter(([, field]) => (field.description ?? '').split('Requires:').length > 2).map(([name]) => name);
    const unfinished = fields.filter(([, field]) => !/\.$/.test(requirement(field.description) ?? '.')).map(([name]) => name);
    // then
    expect(fields.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    expect(repeated).toEqual([]);
    expect(unfinished).toEqual([]);
  });

  it('says in every "Requires: ..." sentence the words of a row of the policy table, so it cannot drift from the check', async () => {
    // given: every field of every object type, root operations and field resolvers alike
    const schema = await getSchema();
    const rows = new Set(Object.keys(POLICY).map((action) => requires(action as keyof typeof POLICY)));
    const fields = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.values(type.getFields()).map((field) => [`${type.name}.${field.name}`, requirement(field.description)] as const));
    // when
    const drifted = fields.filter(([, sentence]) => sentence !== null && !rows.has(sentence)).map(([name, sentence]) => `${name}: ${sentence}`);
    // then: write the description with describeOperation(sentence, action) from src/auth/policy.ts
    expect(fields.filter(([, sentence]) => sentence !== null).length).toBeGreaterThan(0);
    expect(drifted).toEqual([]);
  });

  it('matches the reviewed list of who may call what', async () => {
    // given
    const fields = await rootFields();
    // when
    const permissions = Object.fromEntries(fields.map(([name, field]) => [name, requirement(field.description)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
    // then: a diff here is a permission change; see the comment at the top of this file
    expect(permissions).toMatchSnapshot();
  });

  it('repeats in README ("Who may see what") the words of every row of the policy table', () => {
    // given: the table rows of README, "| `action`: what it covers | who may |", with code and bold marks dropped
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-zA-Z.]+)`[^|]*\| (.*) \|$/gm)].filter(([, action]) => action in POLICY);
    // when
    const documented = Object.fromEntries(rows.map(([, action, who]) => [action, who.replace(/`|\*\*/g, '')]));
    // then
    expect(documented).toEqual(Object.fromEntries(Object.entries(POLICY).map(([action, row]) => [action, row.who])));
  });

  it('matches the reviewed policy table that the services enforce', () => {
    // given / when
    const table = Object.fromEntries(Object.entries(POLICY).map(([action, row]) => [action, row.who]));
    // then: a diff here is a permission change as well
    expect(table).toMatchSnapshot();
  });
});
