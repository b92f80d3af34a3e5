import client from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * The process's Prometheus metrics, served at /metrics. One registry per process: every app in it reports into
 * the same counters, as one scrape target. Label values come from fixed sets or are bounded (operation names),
 * so no client can grow the registry without limit.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const requestDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by GraphQL operation name (or route) and status.',
  labelNames: ['operation', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const errorsByCode = new client.Counter({
  name: 'api_errors_total',
  help: 'Errors answered, by extensions.code (GraphQL errors and HTTP-level refusals).',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const sqlStatements = new client.Counter({
  name: 'sql_statements_total',
  help: 'SQL statements sent by the ORM, by connection kind (write: the primary; read: a replica).',
  labelNames: ['target'] as const,
  registers: [registry],
});

export const rateLimitRefusals = new client.Counter({
  name: 'rate_limit_refusals_total',
  help: 'Requests refused with 429, by budget: query_cost (per credential), auth_failures (per address), staged_puts (per credential).',
  labelNames: ['budget'] as const,
  registers: [registry],
});

export const importRows = new client.Counter({
  name: 'import_rows_total',
  help: 'Rows read by committed ZN imports; rate() gives import rows per second.',
  registers: [registry],
});

export const replicaLag = new client.Gauge({
  name: 'db_replica_lag_seconds',
  help: 'Replay lag of each read replica at its last check (0 when it has replayed everything the primary wrote).',
  labelNames: ['replica'] as const,
  registers: [registry],
});

export const replicaUsable = new client.Gauge({
  name: 'db_replica_usable',
  help: '1 when a replica answers and is within DATABASE_REPLICA_MAX_LAG_SECONDS, so reads go to it; 0 when skipped.',
  labelNames: ['replica'] as const,
  registers: [registry],
});

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

const pools = new Set<{ name: string; pool: () => TarnPool | undefined }>();

new client.Gauge({
  name: 'db_pool_connections',
  help: 'Database pool connections by pool and state (used, free, pending: requests waiting for a connection).',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const { name, pool } of pools) {
      const p = pool();
      if (!p) continue;
      this.set({ pool: name, state: 'used' }, p.numUsed());
      this.set({ pool: name, state: 'free' }, p.numFree());
      this.set({ pool: name, state: 'pending' }, p.numPendingAcquires());
    }
  },
});

/** Reports the knex pool of an ORM under a name ("primary", "replica-1"); returns the unregister. */
export function watchPool(name: string, orm: MikroORM): () => void {
  const entry = { name, pool: () => (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool };
  pools.add(entry);
  return () => pools.delete(entry);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;
const seenOperations = new Set<string>();

/** A client-chosen operation name as a label: kept while fewer than 200 distinct names were seen, else "other". */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!NAME.test(name)) return 'other';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperations.add(name);
  return name;
}
