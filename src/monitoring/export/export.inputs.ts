import { Field, InputType, Int } from 'type-graphql';
import { SubmissionStatus } from '../monitoring.enums';
import { MonitoringPeriod } from '../zn';

@InputType('MonitoringExportFilter', { description: 'Which figures to export.' })
export class MonitoringExportFilter {
  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => MonitoringPeriod, { nullable: true, description: 'Only this period.' })
  period?: MonitoringPeriod | null;

  @Field(() => String, { nullable: true, description: 'Only the coordination function with this AGB code.' })
  coordinationFunctionAgb?: string | null;

  @Field(() => [SubmissionStatus], { nullable: true, description: 'Only submissions with these statuses (all when omitted).' })
  status?: SubmissionStatus[] | null;
}
