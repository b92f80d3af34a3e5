import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@InputType('MonitoringDeadlineSetInput', { description: 'The deadline of a reporting year: a date, or a policy milestone; neither clears it.' })
export class MonitoringDeadlineSetInput {
  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => DateScalar, { nullable: true, description: 'The last day on which the figures count as on time (after the year ends).' })
  dueOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'A policy milestone whose date is the deadline (it follows later changes of that date).' })
  milestoneId?: string | null;
}
