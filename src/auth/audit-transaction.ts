import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from './principal';
import { AuditEvent, AuditKind, AuditOutcome } from './audit-event.entity';
import { auditRow } from './audit';

/** The mutation a request is running, until its entry is in the database. */
export interface PendingMutationAudit {
  operation: string;
  inputId: unknown;
  /** Set once a transaction holding the entry committed: the batched log must not record it again. */
  written: boolean;
}

/** What writing a mutation's entry needs of a context (the CLI and the seed run imports without one). */
export interface AuditableContext {
  principal: Principal;
  requestId?: string;
  mutation?: PendingMutationAudit;
}

/**
 * Runs a mutation's write in one transaction that also inserts the mutation's audit entry (SUCCESS, with the
 * objects of the result), so that an acknowledged write always has its entry, whatever dies right after. Outside
 * a mutation, or when the mutation's entry is already written, it is a plain transaction.
 */
export async function transactionalWithAudit<T>(
  ctx: AuditableContext,
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
  objectsOf: (result: T) => unknown = (result) => result,
): Promise<T> {
  const pending = ctx.mutation && !ctx.mutation.written ? ctx.mutation : null;
  const result = await em.transactional(async (tx) => {
    const done = await work(tx as EntityManager);
    if (pending && ctx.requestId) {
      const entry = { kind: AuditKind.MUTATION, operation: pending.operation, outcome: AuditOutcome.SUCCESS, ...describeAuditedObjects(objectsOf(done), pending.inputId) };
      await (tx as EntityManager).insert(AuditEvent, auditRow(ctx.principal, ctx.requestId, entry));
    }
    return done;
  });
  if (pending) pending.written = true;
  return result;
}

interface Owned {
  globalId?: string;
  id?: unknown;
  insurer?: { id: number } | null;
  provider?: { id: number } | null;
  constructor: { name: string };
}

/**
 * The objects a mutation payload (or a service's result) carries (entities have a global ID), with the
 * organisations that own them.
 */
export function describeAuditedObjects(payload: unknown, inputId: unknown) {
  const objectIds = new Set<string>();
  const ownerInsurerIds: number[] = [];
  const ownerProviderIds: number[] = [];
  if (typeof inputId === 'string') objectIds.add(inputId);
  if (payload && typeof payload === 'object') {
    const values = 'globalId' in payload ? [payload] : Array.isArray(payload) ? payload : Object.values(payload);
    for (const value of values) {
      if (!value || typeof value !== 'object' || !('globalId' in value)) continue;
      const entity = value as Owned;
      objectIds.add(entity.globalId!);
      if (entity.constructor.name === 'Insurer') ownerInsurerIds.push(Number(entity.id));
      if (entity.constructor.name === 'Provider') ownerProviderIds.push(Number(entity.id));
      if (entity.insurer?.id) ownerInsurerIds.push(entity.insurer.id);
      if (entity.provider?.id) ownerProviderIds.push(entity.provider.id);
    }
  }
  return { objectIds: [...objectIds], ownerInsurerIds, ownerProviderIds };
}
