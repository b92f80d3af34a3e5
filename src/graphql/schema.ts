import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { RESOLVERS } from './resolvers';
import { auditMutations } from '../auth/audit-middleware';

let built: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process; type-graphql metadata is global, so a second build would duplicate it. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    globalMiddlewares: [auditMutations],
  }).then(describeRootTypes);
  return built;
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
