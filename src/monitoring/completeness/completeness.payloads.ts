import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { CompletenessState, DeadlineSource } from '../monitoring.enums';
import { MonitoringUserError } from '../monitoring.payloads';
import { MonitoringPeriod, StayType } from '../zn';

@ObjectType('MonitoringDeadline', { description: 'The deadline of a reporting year for the monitoring figures.' })
export class MonitoringDeadlineType {
  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => DateScalar, { description: 'The last day on which a submission counts as on time (Dutch time).' })
  dueOn!: string;

  @Field(() => DeadlineSource, { description: 'Where the date comes from.' })
  source!: DeadlineSource;

  /** Resolved to the milestone by the resolver. */
  milestoneId!: number | null;
}

@ObjectType('MonitoringDeadlinePayload', { description: 'Result of setting a deadline.' })
export class MonitoringDeadlinePayload {
  @Field(() => MonitoringDeadlineType, { nullable: true, description: 'The deadline now in force; null when userErrors is not empty.' })
  deadline!: MonitoringDeadlineType | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}

@ObjectType('MonitoringMissingFigures', { description: 'A required type of stay without figures in a submission.' })
export class MonitoringMissingFigures {
  @Field(() => MonitoringPeriod, { description: 'The period.' })
  period!: MonitoringPeriod;

  @Field(() => StayType, { description: 'The type of stay.' })
  stayType!: StayType;

  @Field(() => [String], { description: 'The required ZN columns it lacks.' })
  columns!: string[];
}

@ObjectType('CoordinationFunctionCompleteness', { description: 'Whether one coordination function delivered its figures of the year.' })
export class CoordinationFunctionCompleteness {
  /** Resolved to the provider by the resolver. */
  providerId!: number;

  @Field(() => CompletenessState, { description: 'On time, late, or not submitted.' })
  state!: CompletenessState;

  @Field(() => Date, { nullable: true, description: 'When the figures that count were (last) submitted.' })
  deliveredAt!: Date | null;

  @Field(() => [MonitoringPeriod], { description: 'The periods that make up the year: JAAR, or H1 and H2.' })
  periods!: MonitoringPeriod[];

  @Field(() => [MonitoringMissingFigures], { description: 'Required figures that the submissions lack (ZN_REQUIRED_STAY_TYPES).' })
  missingFigures!: MonitoringMissingFigures[];
}

@ObjectType('MonitoringRegionCompleteness', { description: 'Completeness of the coordination functions in one region.' })
export class MonitoringRegionCompleteness {
  /** Resolved by the resolver. */
  regionId!: number;
  marketLeaderId!: number | null;

  @Field(() => [CoordinationFunctionCompleteness], { description: 'The coordination functions of the region you may see.' })
  coordinationFunctions!: CoordinationFunctionCompleteness[];
}

@ObjectType('MonitoringCompleteness', { description: 'Which coordination functions delivered the figures of a year on time, late or not at all.' })
export class MonitoringCompletenessType {
  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => MonitoringDeadlineType, { description: 'The deadline applied.' })
  deadline!: MonitoringDeadlineType;

  @Field(() => Boolean, { description: 'Whether the deadline has passed (Dutch time).' })
  deadlinePassed!: boolean;

  @Field(() => [MonitoringRegionCompleteness], { description: 'Per region: the core regions of the insurer asked for, or every region with a coordination function.' })
  regions!: MonitoringRegionCompleteness[];

  @Field(() => Int, { description: 'Coordination functions listed that delivered on time.' })
  onTime!: number;

  @Field(() => Int, { description: 'Coordination functions listed that delivered late.' })
  late!: number;

  @Field(() => Int, { description: 'Coordination functions listed that did not deliver (yet).' })
  notSubmitted!: number;
}
