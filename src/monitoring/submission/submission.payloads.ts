import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { FigureRow, StayType } from '../zn';
import { MonitoringSubmission } from './submission.entity';
import { MonitoringUserError } from '../monitoring.payloads';

@ObjectType('MonitoringSubmissionPayload', { description: 'Result of a step in the review of a submission.' })
export class MonitoringSubmissionPayload {
  @Field(() => MonitoringSubmission, { nullable: true, description: 'The submission after the step; null when userErrors is not empty.' })
  monitoringSubmission!: MonitoringSubmission | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}

@ObjectType('MonitoringFigures', { description: 'The figures of one type of temporary stay in a submission version (one row of the ZN file).' })
export class MonitoringFigures implements FigureRow {
  @Field(() => StayType, { description: 'Type of temporary stay (type_verblijf).' })
  stayType!: StayType;

  @Field(() => Int, { description: 'Registrations (aanmeldingen); required.' })
  registrations!: number;

  @Field(() => Int, { description: 'Inflow (instroom); required, at most the registrations.' })
  inflow!: number;

  @Field(() => Int, { description: 'Clients not placeable in the advised form of care (niet_plaatsbaar); required.' })
  notPlaceable!: number;

  @Field(() => Int, { nullable: true, description: 'Care requests deflected from second to first line (afgebogen_eerste_lijn); optional.' })
  deflectedFirstLine!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Saving realised by that deflection, in euros (besparing_eur); optional.' })
  savingEur!: string | null;

  @Field(() => Int, { nullable: true, description: 'Required regional capacity, in beds (benodigde_capaciteit_bedden); optional.' })
  requiredCapacityBeds!: number | null;

  @Field(() => Int, { nullable: true, description: 'Outflow after admission (uitstroom_na_opname); optional.' })
  outflowAfterAdmission!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Average length of stay, in days (gemiddelde_ligduur_dagen); optional.' })
  averageLengthOfStayDays!: string | null;
}
