import { groupByKey } from '../core/context';
import { defineLoader } from '../core/loaders';
import { Row, findRows } from '../db/find-page';
import type { PurchasingPolicy } from './purchasing-policy.entity';
import { PolicyMilestone } from './policy-milestone.entity';
import { policiesByIds } from './purchasing-policy.service';

export const purchasingPolicyLoaders = {
  /** Policies by id (the policy of each milestone). */
  byId: defineLoader<number, Row<PurchasingPolicy> | null>('policies.byId', (ctx, ids) => policiesByIds(ctx, ids)),
  /** The calendar of each policy in date order. */
  milestones: defineLoader<number, Row<PolicyMilestone>[]>('milestones.byPolicy', async (ctx, ids) => {
    const rows = await findRows(ctx, PolicyMilestone, { policy: { $in: [...ids] } }, [{ date: 'asc' }, { id: 'asc' }]);
    return groupByKey(ids, rows, (r) => r.policy.id);
  }),
};
