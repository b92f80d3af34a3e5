import { UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import { UserErrorFailure, UserErrorItem } from './problems';
import { transactionalWithAudit } from '../auth/audit-transaction';

export interface MutationOutcome<T> {
  result: T | null;
  userErrors: UserErrorItem[];
}

/**
 * Runs a service write in one transaction, with the mutation's audit entry. A UserErrorFailure, or a constraint
 * the database caught in a race that the service's own checks lost, rolls everything back and becomes `userErrors`.
 */
export async function runMutation<T>(
  ctx: RequestContext,
  work: (em: EntityManager) => Promise<T>,
  onConflict?: (error: Error) => UserErrorItem,
): Promise<MutationOutcome<T>> {
  try {
    const result = await transactionalWithAudit(ctx, ctx.em, work);
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorFailure) return { result: null, userErrors: error.errors };
    if (
      onConflict &&
      (error instanceof UniqueConstraintViolationException || error instanceof ForeignKeyConstraintViolationException)
    ) {
      return { result: null, userErrors: [onConflict(error)] };
    }
    throw error;
  }
}
