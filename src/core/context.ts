import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Config } from '../config';
import type { Principal } from '../auth/principal';
import type { AuditEntry } from '../auth/audit';
import type { PendingMutationAudit } from '../auth/audit-middleware';

/**
 * Everything a resolver or service needs for one request. Built fresh per request, so identity maps and
 * loader caches never cross requests or tenants.
 */
export interface RequestContext {
  em: EntityManager;
  principal: Principal;
  requestId: string;
  config: Config;
  loaders: Loaders;
  /** Queues an audit entry for this request's principal; written in batches, never blocking the request. */
  audit: (entry: AuditEntry) => void;
  /** The mutation being run, whose entry its write transaction records (transactionalWithAudit). */
  mutation?: PendingMutationAudit;
  /** The sync horizon of this request (`syncHorizon`), computed once when a read asks for changes. */
  syncHorizon?: Promise<Date>;
}

/** Per-request DataLoaders, created on first use and keyed by a name unique to the batch they serve. */
export class Loaders {
  private readonly byName = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, string>): DataLoader<K, V> {
    let loader = this.byName.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, string>(batch, { maxBatchSize: 1000, ...options }) as unknown as DataLoader<K, V>;
      this.byName.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Groups rows by a key in the order of `keys`, the shape DataLoader expects from a one-to-many batch. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
