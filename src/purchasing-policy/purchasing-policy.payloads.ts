import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { PurchasingPolicy } from './purchasing-policy.entity';
import { PolicyMilestone } from './policy-milestone.entity';
import { PolicyUserError } from './purchasing-policy.errors';

export const PurchasingPolicyConnection = connectionType(PurchasingPolicy, 'PurchasingPolicy', 'purchasing policy');
export const PolicyMilestoneConnection = connectionType(PolicyMilestone, 'PolicyMilestone', 'policy milestone');

@ObjectType('PurchasingPolicyPayload', { description: 'Result of a purchasing-policy mutation.' })
export class PurchasingPolicyPayload {
  @Field(() => PurchasingPolicy, { nullable: true, description: 'The policy as saved; null when userErrors is not empty.' })
  purchasingPolicy!: PurchasingPolicy | null;

  @Field(() => [PolicyUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof PolicyUserError>[];
}

@ObjectType('PolicyMilestonePayload', { description: 'Result of a milestone mutation.' })
export class PolicyMilestonePayload {
  @Field(() => PolicyMilestone, { nullable: true, description: 'The milestone as saved; null when userErrors is not empty.' })
  policyMilestone!: PolicyMilestone | null;

  @Field(() => [PolicyUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof PolicyUserError>[];
}
