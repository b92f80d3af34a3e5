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
  });
  return built;
}

/** The SDL committed as schema/schema.graphql, sorted so that moving code around does not change it. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
