import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Principal } from '../auth/principal';
import type { AuditEntry } from '../auth/audit';
import type { PendingMutationAudit } from '../auth/audit-transaction';

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

/**
 * The DataLoaders of one request, made on first use: one per loader definition (core/loaders.ts) and, for a loader
 * with parameters, per value of them. A new request gets new ones, so no cache outlives its request.
 */
export class Loaders {
  private readonly made = new Map<object, Map<string, unknown>>();

  obtain<L>(definition: object, variant: string, make: () => L): L {
    let variants = this.made.get(definition);
    if (!variants) this.made.set(definition, (variants = new Map()));
    let loader = variants.get(variant) as L | undefined;
    if (loader === undefined) {
      loader = make();
      variants.set(variant, loader);
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
