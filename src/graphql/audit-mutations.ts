import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { AppError } from '../core/errors';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { PendingMutationAudit, describeAuditedObjects } from '../auth/audit-transaction';

/**
 * Records every mutation in the audit log: who, which operation, which objects, and how it ended. A mutation
 * that wrote has its entry written in its transaction already; the others (refused, denied, failed, or writing
 * nothing) are logged here, batched.
 */
export const auditMutations: MiddlewareFn<RequestContext> = async ({ info, context, args }, next) => {
  const inputId = (args as { input?: { id?: unknown } }).input?.id;
  const pending: PendingMutationAudit = { operation: info.fieldName, inputId, written: false };
  // Mutations run one after another, so one slot per request is enough.
  context.mutation = pending;
  try {
    const payload = await next();
    if (pending.written) return payload;
    const result = payload as { userErrors?: unknown[]; summary?: { outcome?: string } } | null;
    // An import reports a refused file in its summary rather than in userErrors: it is a rejection all the same.
    const rejected = (result?.userErrors?.length ?? 0) > 0 || result?.summary?.outcome === 'REJECTED';
    context.audit({
      kind: AuditKind.MUTATION,
      operation: info.fieldName,
      outcome: rejected ? AuditOutcome.REJECTED : AuditOutcome.SUCCESS,
      ...describeAuditedObjects(payload, inputId),
    });
    return payload;
  } catch (error) {
    if (pending.written) throw error;
    const denied = error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND');
    context.audit({
      kind: AuditKind.MUTATION,
      operation: info.fieldName,
      outcome: denied ? AuditOutcome.DENIED : AuditOutcome.ERROR,
      ...describeAuditedObjects(null, inputId),
    });
    throw error;
  }
};
