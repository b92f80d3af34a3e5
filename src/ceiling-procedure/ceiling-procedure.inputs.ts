import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../graphql/scalars';
import { MoneyInput } from '../core/parse';
import { CeilingProcedureDecision, CeilingProcedureStatus } from './ceiling-procedure.entity';

/** The facts a provider writes; shared by opening and updating a draft. */
@InputType('CeilingProcedureFactsInput', { description: 'The facts of a ceiling-threat report or request; omitted fields stay as they are.' })
export class CeilingProcedureFactsInput {
  @Field(() => String, { nullable: true, description: 'The explanation of the growth.' })
  explanation?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'ZG: the forecast revenue of the year in euros.' })
  forecastAmount?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'ZG: the substantiation of the forecast.' })
  forecastBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'ZG: the plans to limit the growth of revenue.' })
  growthPlans?: string | null;

  @Field(() => String, { nullable: true, description: 'MSZ: the care the request concerns.' })
  careConcerned?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'MSZ: ask the insurer to redirect new patients to providers with ceiling room.' })
  redirectRequested?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'MSZ: room is kept under the ceiling for chronic, emergency and restitution care.' })
  protectedCareRoomKept?: boolean | null;
}

@InputType('CeilingProcedureOpenInput', { description: "A new ceiling-threat procedure (DRAFT) for a contract year, by the contract's provider." })
export class CeilingProcedureOpenInput extends CeilingProcedureFactsInput {
  @Field(() => ID, { description: 'Global ID of the contract (a signed ZG or MSZ contract with a ceiling).' })
  contractId!: string;

  @Field(() => Int, { description: 'The contract year whose ceiling threatens to fill.' })
  year!: number;
}

@InputType('CeilingProcedureUpdateInput', { description: 'Changes to the facts of a DRAFT procedure.' })
export class CeilingProcedureUpdateInput extends CeilingProcedureFactsInput {
  @Field(() => ID, { description: 'Global ID of the procedure.' })
  id!: string;
}

@InputType('CeilingProcedureSubmitInput', { description: 'Sends a DRAFT procedure to the insurer.' })
export class CeilingProcedureSubmitInput {
  @Field(() => ID, { description: 'Global ID of the procedure.' })
  id!: string;
}

@InputType('CeilingProcedureRecordMeetingInput', { description: 'ZG: the meeting on a submitted report took place; the 4-week answer period starts.' })
export class CeilingProcedureRecordMeetingInput {
  @Field(() => ID, { description: 'Global ID of the procedure.' })
  id!: string;

  @Field(() => DateScalar, { description: 'The date of the meeting: not before the submission, not in the future.' })
  meetingOn!: string;
}

@InputType('CeilingProcedureRecordInformationCompleteInput', { description: 'MSZ: all information the insurer asked for is in; the 5-week decision period starts.' })
export class CeilingProcedureRecordInformationCompleteInput {
  @Field(() => ID, { description: 'Global ID of the procedure.' })
  id!: string;

  @Field(() => DateScalar, { description: 'The date the last requested information came in: not before the submission, not in the future.' })
  informationCompleteOn!: string;
}

@InputType('CeilingProcedureDecideInput', { description: "The insurer's answer to a procedure whose answer period runs." })
export class CeilingProcedureDecideInput {
  @Field(() => ID, { description: 'Global ID of the procedure.' })
  id!: string;

  @Field(() => CeilingProcedureDecision, { description: 'Extra room or not.' })
  decision!: CeilingProcedureDecision;

  @Field(() => String, { description: 'The explanation of the answer.' })
  note!: string;

  @Field(() => Boolean, { nullable: true, description: 'MSZ: whether new patients are redirected to other providers; required for MSZ, refused for ZG.' })
  patientsRedirected?: boolean | null;
}

@InputType('CeilingProcedureFilter', { description: 'Conditions ceiling procedures must meet.' })
export class CeilingProcedureFilter {
  @Field(() => Int, { nullable: true, description: 'Only this contract year.' })
  year?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only procedures of this contract (global ID).' })
  contractId?: string | null;

  @Field(() => CeilingProcedureStatus, { nullable: true, description: 'Only procedures in this status.' })
  status?: CeilingProcedureStatus | null;
}
