import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { describeOperation } from '../auth/access-policy';
import type { RequestContext } from '../core/context';
import { BY_ID, pageList } from '../core/paging';
import { PageArgs, SyncPageArgs, replacedBy, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { DateScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Segment } from '../segment/segment.entity';
import { PurchasingPolicy } from './purchasing-policy.entity';
import { PolicyMilestone } from './policy-milestone.entity';
import * as service from './purchasing-policy.service';
import { insurerById } from '../insurer/insurer.service';
import { segmentById } from '../segment/segment.service';
import type { Row } from '../db/find-page';
import { PurchasingPolicyConnection, PolicyMilestoneConnection, PurchasingPolicyPayload, PolicyMilestonePayload } from './purchasing-policy.payloads';
import {
  PolicyMilestoneCreateInput,
  PolicyMilestoneUpdateInput,
  PurchasingPolicyCreateInput,
  PurchasingPolicyFilter,
  PurchasingPolicyOrder,
  PurchasingPolicyUpdateInput,
} from './purchasing-policy.inputs';

registerNodeType('PurchasingPolicy', service.policiesByIds);
registerNodeType('PolicyMilestone', service.milestonesByIds);

@Resolver(() => PurchasingPolicy)
export class PolicyResolver {
  @Query(() => PurchasingPolicyConnection, { description: describeOperation('Purchasing policies, filtered and ordered (newest publication first by default).', 'reference.read') })
  async purchasingPolicies(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => PurchasingPolicyFilter, { nullable: true, description: 'Conditions the policies must meet.' }) filter: PurchasingPolicyFilter | null,
    @Arg('orderBy', () => PurchasingPolicyOrder, { nullable: true, description: 'Sort order; newest publication first when omitted.' })
    orderBy: PurchasingPolicyOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listPolicies(ctx, filter, orderBy, page));
  }

  @Query(() => PurchasingPolicy, {
    nullable: true,
    description: describeOperation('The policy of an insurer for a segment that covers a contract year, or null.', 'reference.read'),
  })
  purchasingPolicy(
    @Arg('insurerUzovi', () => String, { description: 'UZOVI code of the insurer.' }) insurerUzovi: string,
    @Arg('segmentCode', () => String, { description: 'Segment code.' }) segmentCode: string,
    @Arg('year', () => Int, { description: 'A contract year the policy covers.' }) year: number,
    @Ctx() ctx: RequestContext,
  ) {
    return service.policyFor(ctx, insurerUzovi, segmentCode, year);
  }

  @Query(() => PolicyMilestoneConnection, {
    description: describeOperation('Milestones from a date for a number of days (both ends included), in date order.', 'reference.read'),
  })
  async upcomingMilestones(
    @Arg('from', () => DateScalar, { description: 'First date of the window.' }) from: string,
    @Arg('days', () => Int, { defaultValue: 90, description: 'Length of the window in days (0 to 3660).' }) days: number,
    @Arg('insurer', () => String, { nullable: true, description: 'Only milestones of this insurer (UZOVI code).' }) insurer: string | null,
    @Arg('segment', () => String, { nullable: true, description: 'Only milestones of this segment (code).' }) segment: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.upcomingMilestones(ctx, { from, days, insurerUzovi: insurer, segmentCode: segment }, page));
  }

  @FieldResolver(() => Insurer, { description: 'The insurer that published the policy.' })
  insurer(@Root() policy: Row<PurchasingPolicy>, @Ctx() ctx: RequestContext) {
    return insurerById(ctx, policy.insurer.id);
  }

  @FieldResolver(() => Segment, { description: 'The segment the policy covers.' })
  segment(@Root() policy: Row<PurchasingPolicy>, @Ctx() ctx: RequestContext) {
    return segmentById(ctx, policy.segment.id);
  }

  @FieldResolver(() => [PolicyMilestone], { description: 'The dated steps of the policy calendar, in date order.', deprecationReason: replacedBy('milestonesConnection') })
  milestones(@Root() policy: Row<PurchasingPolicy>, @Ctx() ctx: RequestContext) {
    return service.milestonesOf(ctx, policy.id);
  }

  @FieldResolver(() => PolicyMilestoneConnection, { description: 'The dated steps of the policy calendar, in date order.' })
  async milestonesConnection(@Root() policy: Row<PurchasingPolicy>, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const all = await service.milestonesOf(ctx, policy.id);
    return toConnection(pageList(all, 'PurchasingPolicy.milestones', [{ of: (m) => m.date, type: 'string' }, BY_ID], page, ctx.config.limits));
  }

  @Mutation(() => PurchasingPolicyPayload, { description: describeOperation("Records a purchasing policy.", 'policy.write') })
  async purchasingPolicyCreate(
    @Arg('input', () => PurchasingPolicyCreateInput, { description: 'The new policy.' }) input: PurchasingPolicyCreateInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.createPolicy(ctx, input);
    return { purchasingPolicy: result, userErrors };
  }

  @Mutation(() => PurchasingPolicyPayload, { description: describeOperation("Changes a purchasing policy.", 'policy.write') })
  async purchasingPolicyUpdate(
    @Arg('input', () => PurchasingPolicyUpdateInput, { description: 'The changes.' }) input: PurchasingPolicyUpdateInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.updatePolicy(ctx, input);
    return { purchasingPolicy: result, userErrors };
  }
}

@Resolver(() => PolicyMilestone)
export class MilestoneResolver {
  @FieldResolver(() => PurchasingPolicy, { description: 'The policy whose calendar this step belongs to.' })
  policy(@Root() milestone: Row<PolicyMilestone>, @Ctx() ctx: RequestContext) {
    return service.policyById(ctx, milestone.policy.id);
  }

  @Mutation(() => PolicyMilestonePayload, { description: describeOperation("Adds a milestone to a policy calendar.", 'policy.write') })
  async policyMilestoneCreate(
    @Arg('input', () => PolicyMilestoneCreateInput, { description: 'The new milestone.' }) input: PolicyMilestoneCreateInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.createMilestone(ctx, input);
    return { policyMilestone: result, userErrors };
  }

  @Mutation(() => PolicyMilestonePayload, { description: describeOperation("Changes a milestone.", 'policy.write') })
  async policyMilestoneUpdate(
    @Arg('input', () => PolicyMilestoneUpdateInput, { description: 'The changes.' }) input: PolicyMilestoneUpdateInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.updateMilestone(ctx, input);
    return { policyMilestone: result, userErrors };
  }
}
