import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { userErrorType } from '../graphql/user-error';
import { PurchasingPolicy } from './purchasing-policy.entity';
import { PolicyMilestone } from './policy-milestone.entity';
import { PolicyErrorCode } from './purchasing-policy.errors';

registerEnumType(PolicyErrorCode, {
  name: 'PolicyErrorCode',
  description: 'Why a purchasing-policy or milestone mutation was refused.',
  valuesConfig: {
    UNKNOWN_INSURER: { description: 'No insurer has the given UZOVI code.' },
    UNKNOWN_SEGMENT: { description: 'No segment has the given code.' },
    INVALID_YEAR: { description: 'A year is outside 2000-2100, or the last year is before the first.' },
    INVALID_TERM: { description: 'The contract term is not 1 to 5 years.' },
    OVERLAPPING_POLICY: { description: 'The insurer already has a policy for this segment covering one of these years.' },
    DATE_OUT_OF_RANGE: { description: "A date lies too far from the policy's contract years (more than two years before or one after)." },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The object to change does not exist or is not visible to you.' },
  },
});

export const PolicyUserError = userErrorType('PolicyUserError', PolicyErrorCode, 'A problem with a purchasing-policy or milestone mutation input.');

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
