import 'reflect-metadata';
import { GraphQLSchema, defaultFieldResolver, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { RESOLVERS } from './resolvers';
import { auditMutations } from './audit-mutations';

let built: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process; type-graphql metadata is global, so a second build would duplicate it. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  })
    .then(auditEveryMutation)
    .then(describeRootTypes);
  return built;
}

/**
 * Wraps the resolver of every Mutation field in the audit log, so no mutation can escape it. Only mutations: a
 * global middleware would wrap every field of every response in a promise, which costs reads dearly.
 */
function auditEveryMutation(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context, info) =>
      auditMutations({ root, args, context, info }, async () => resolve(root, args, context, info));
  }
  return schema;
}

/** type-graphql gives the root types no description; every type of the schema must have one. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Every read of the API; each field says who may call it.';
  if (mutation) mutation.description = 'Every change the API accepts; each field says who may call it.';
  return schema;
}

/** The SDL committed as schema/schema.graphql, sorted so that moving code around does not change it. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
