import { badInput } from '../core/errors';

/**
 * What a bulk write does when some of its rows are wrong: a KPI measurement batch and a ZN import obey the same
 * two policies, so a client learns them once.
 */
export const BulkErrorPolicy = { ALL_OR_NOTHING: 'ALL_OR_NOTHING', REJECT_FAILED_ROWS: 'REJECT_FAILED_ROWS' } as const;
export type BulkErrorPolicy = (typeof BulkErrorPolicy)[keyof typeof BulkErrorPolicy];

/** The deprecation reason of an `errorPolicy` input field that `rowErrorPolicy` replaces. */
export const REPLACED_BY_ROW_ERROR_POLICY = 'Use rowErrorPolicy (BulkErrorPolicy); errorPolicy is removed in the next release.';

/**
 * The policy of a request that may still give the deprecated `errorPolicy` beside `rowErrorPolicy`. The deprecated
 * field, when given, decides (an old client does not know the new one, which then holds its default); a request
 * that gives both with different policies is refused rather than guessed.
 */
export function chosenBulkErrorPolicy(rowErrorPolicy: BulkErrorPolicy, errorPolicy: BulkErrorPolicy | null | undefined): BulkErrorPolicy {
  if (errorPolicy == null) return rowErrorPolicy;
  if (rowErrorPolicy !== BulkErrorPolicy.ALL_OR_NOTHING && rowErrorPolicy !== errorPolicy) {
    throw badInput('errorPolicy and rowErrorPolicy name different policies; give only rowErrorPolicy.', { field: 'errorPolicy' });
  }
  return errorPolicy;
}
