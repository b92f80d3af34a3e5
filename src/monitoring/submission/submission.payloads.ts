import { Field, ObjectType } from 'type-graphql';
import { MonitoringSubmission } from './submission.entity';
import { MonitoringUserError } from '../monitoring.errors';

@ObjectType('MonitoringSubmissionPayload', { description: 'Result of a step in the review of a submission.' })
export class MonitoringSubmissionPayload {
  @Field(() => MonitoringSubmission, { nullable: true, description: 'The submission after the step; null when userErrors is not empty.' })
  monitoringSubmission!: MonitoringSubmission | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}
