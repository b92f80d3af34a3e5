import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { AuditKind, AuditOutcome } from './audit-event.entity';

interface Owned {
  globalId?: string;
  id?: unknown;
  insurer?: { id: number } | null;
  provider?: { id: number } | null;
  constructor: { name: string };
}

/** The objects a mutation payload carries (entities have a global ID), with the organisations that own them. */
function describe(payload: unknown, inputId: unknown) {
  const objectIds = new Set<string>();
  const ownerInsurerIds: number[] = [];
  const ownerProviderIds: number[] = [];
  if (typeof inputId === 'string') objectIds.add(inputId);
  if (payload && typeof payload === 'object') {
    for (const value of Object.values(payload)) {
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

/** Records every mutation in the audit log: who, which operation, which objects, and how it ended. */
export const auditMutations: MiddlewareFn<RequestContext> = async ({ info, context, args }, next) => {
  const inputId = (args as { input?: { id?: unknown } }).input?.id;
  try {
    const payload = await next();
    const result = payload as { userErrors?: unknown[]; summary?: { outcome?: string } } | null;
    // An import reports a refused file in its summary rather than in userErrors: it is a rejection all the same.
    const rejected = (result?.userErrors?.length ?? 0) > 0 || result?.summary?.outcome === 'REJECTED';
    context.audit({
      kind: AuditKind.MUTATION,
      operation: info.fieldName,
      outcome: rejected ? AuditOutcome.REJECTED : AuditOutcome.SUCCESS,
      ...describe(payload, inputId),
    });
    return payload;
  } catch (error) {
    const denied = error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND');
    context.audit({
      kind: AuditKind.MUTATION,
      operation: info.fieldName,
      outcome: denied ? AuditOutcome.DENIED : AuditOutcome.ERROR,
      ...describe(null, inputId),
    });
    throw error;
  }
};
