import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sqlStatements } from '../observability/metrics';

interface PooledClient {
  query: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }>;
}

interface KnexClient {
  acquireConnection: () => Promise<PooledClient>;
  releaseConnection: (connection: PooledClient) => Promise<void>;
  /** `?` placeholders to `$1`, `$2` ... (knex's PostgreSQL dialect). */
  positionBindings: (sql: string) => string;
}

/**
 * A statement every request sends (authentication, the rate-limit charge), as a named prepared statement on a
 * connection of the ORM's pool: PostgreSQL parses and plans it once per connection instead of once per request, and
 * it skips the query builder. `text` takes $1, $2 ... placeholders; each name must always stand for the same text.
 * It counts in the process's statements, never in a request's (the callers run outside the request's scope).
 */
export async function preparedQuery<T>(orm: MikroORM, name: string, text: string, values: unknown[]): Promise<T[]> {
  sqlStatements.labels('write').inc();
  return runNamed<T>(knexClientOf(orm.em as EntityManager), name, text, values);
}

const knexClientOf = (em: EntityManager) => em.getConnection().getKnex().client as unknown as KnexClient;

/** A named statement on a connection borrowed from the pool for it alone. */
async function runNamed<T>(client: KnexClient, name: string, text: string, values: unknown[]): Promise<T[]> {
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text, values })).rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Statement names handed out so far, by text: each distinct read is planned once per connection, up to a bound. */
const readNames = new Map<string, string>();
const MAX_PREPARED_READS = 256;

/**
 * A read of the request (it counts in the request's statements, on the request's connection: the primary or a
 * replica) as a named prepared statement: a compiled read sends the same text for every page of a list, and
 * PostgreSQL then plans it once per connection. `sql` takes `?` placeholders. Beyond a bound on distinct texts,
 * and inside a transaction, it runs as an ordinary statement.
 */
export async function preparedRead<T extends object>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  let name = readNames.get(sql);
  if (name === undefined && readNames.size < MAX_PREPARED_READS) {
    name = `zix_read_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    readNames.set(sql, name);
  }
  if (name === undefined || em.getTransactionContext()) return em.execute<T[]>(sql, params);
  const client = knexClientOf(em);
  em.config.get('onQuery')(sql, params);
  return runNamed<T>(client, name, client.positionBindings(sql), params);
}
