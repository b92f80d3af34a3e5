import { Field, ID, InputType, Int } from 'type-graphql';
import { SubmissionStatus } from '../monitoring.enums';
import { MonitoringPeriod } from '../zn';

@InputType('MonitoringSubmissionFilter', { description: 'Narrows the list of monitoring submissions.' })
export class MonitoringSubmissionFilter {
  @Field(() => Int, { nullable: true, description: 'Only this reporting year.' })
  year?: number | null;

  @Field(() => MonitoringPeriod, { nullable: true, description: 'Only this period.' })
  period?: MonitoringPeriod | null;

  @Field(() => [SubmissionStatus], { nullable: true, description: 'Only these statuses.' })
  status?: SubmissionStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Only the coordination function with this AGB code.' })
  coordinationFunctionAgb?: string | null;

  @Field(() => String, { nullable: true, description: 'Only coordination functions in the ambulance region with this code.' })
  regionCode?: string | null;
}

@InputType('MonitoringSubmissionSubmitInput', { description: 'The submission to submit for review.' })
export class MonitoringSubmissionSubmitInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;
}

@InputType('MonitoringSubmissionAcceptInput', { description: 'The submission to accept.' })
export class MonitoringSubmissionAcceptInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;
}

@InputType('MonitoringSubmissionRejectInput', { description: 'The submission to reject, and why.' })
export class MonitoringSubmissionRejectInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;

  @Field(() => String, { description: 'Why it is rejected: what the coordination function must correct (at most 2000 characters).' })
  reason!: string;
}

@InputType('MonitoringSubmissionReopenInput', { description: 'The accepted submission to reopen, and why.' })
export class MonitoringSubmissionReopenInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;

  @Field(() => String, { description: 'Why it is reopened; kept in its history (at most 2000 characters).' })
  reason!: string;
}
