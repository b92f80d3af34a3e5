import fs from 'node:fs';
import path from 'node:path';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isIntrospectionType,
  GraphQLNamedType,
  parse,
  validate,
} from 'graphql';
import { getSchema, printSdl } from '../../src/graphql/schema';

const COMMITTED = path.resolve(__dirname, '../../schema/schema.graphql');

/** Every place in the schema that must carry a description, as "Type.field(argument)" paths. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (where: string, description: string | null | undefined) => {
    if (!description || description.trim().length === 0) missing.push(where);
  };
  const types = Object.values(schema.getTypeMap()).filter((t: GraphQLNamedType) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));
  for (const type of types) {
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

describe('the GraphQL schema', () => {
  it('built from the code equals the committed schema/schema.graphql byte for byte', async () => {
    // given
    const committed = fs.readFileSync(COMMITTED, 'utf8');
    // when
    const built = await printSdl();
    // then
    if (built !== committed) {
      throw new Error('schema/schema.graphql differs from the schema the code builds: run `npm run schema:emit` and commit the result.');
    }
  });

  it('describes every type, field, argument, enum value and input field', async () => {
    // when
    const missing = undescribed(await getSchema());
    // then
    expect(missing).toEqual([]);
  });

  it('the description check finds what is missing', async () => {
    // given: a schema with one undescribed field, argument, enum value and type
    const { buildSchema } = await import('graphql');
    const broken = buildSchema(`
      """Root."""
      type Query { """Listed.""" a(x: Int): Kind  b: Int }
      enum Kind { """One.""" ONE TWO }
    `);
    // when
    const missing = undescribed(broken);
    // then
    expect(missing.sort()).toEqual(['Kind', 'Kind.TWO', 'Query.a(x)', 'Query.b']);
  });

  it('the descriptions of root fields say who may call them', async () => {
    // given
    const schema = await getSchema();
    const roots = [schema.getQueryType()!, schema.getMutationType()!];
    // when
    const withoutRequires = roots.flatMap((root) =>
      Object.values(root.getFields())
        .filter((f) => !/Requires: .+\.$/.test(f.description ?? ''))
        .map((f) => `${root.name}.${f.name}`),
    );
    // then
    expect(withoutRequires).toEqual([]);
  });
});

describe('README', () => {
  it('shows only GraphQL that the schema accepts', async () => {
    // given every ```graphql block of the README
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const schema = await getSchema();
    // when each of its operations (a block may hold several, separated by comments) is validated
    const problems = blocks.flatMap((block) =>
      block
        .split(/\n(?=#)/)
        .map((part) => part.replace(/^#.*$/gm, '').trim())
        .filter((operation) => operation.length > 0)
        .flatMap((operation) => validate(schema, parse(operation)).map((error) => `${operation.slice(0, 60)}…: ${error.message}`)),
    );
    // then
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });
});
