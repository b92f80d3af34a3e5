import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { DateScalar } from '../graphql/scalars';
import { userErrorType } from '../graphql/user-error';
import { CeilingProcedure } from './ceiling-procedure.entity';
import { CeilingProcedureErrorCode } from './ceiling-procedure.errors';

registerEnumType(CeilingProcedureErrorCode, {
  name: 'CeilingProcedureErrorCode',
  description: 'Why a ceiling-procedure mutation was refused.',
  valuesConfig: {
    NOT_FOUND: { description: 'No ceiling procedure you may see has this ID.' },
    CONTRACT_NOT_FOUND: { description: 'No contract of which you are the insurer or provider has this ID.' },
    SEGMENT_NOT_COVERED: { description: 'The seeds define a ceiling-threat procedure only for ZG (seed 003) and MSZ (seed 004) contracts.' },
    CONTRACT_NOT_SIGNED: { description: 'Only a signed contract has a ceiling that counts.' },
    NO_CEILING: { description: 'The contract has no ceiling (ceiling kind NONE).' },
    YEAR_OUTSIDE_TERM: { description: "The year is not a year of the contract's term." },
    ALREADY_EXISTS: { description: 'The contract already has a procedure for this year.' },
    INVALID_AMOUNT: { description: 'The amount is not a decimal string in euros with at most two decimals and twelve digits before the point.' },
    NEGATIVE_AMOUNT: { description: 'The amount is below zero.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOR_KIND: { description: 'The field or step belongs to the other procedure (ZG meeting, MSZ information and redirect).' },
    INCOMPLETE: { description: 'A fact the procedure requires is missing (ZG: explanation, forecast with its basis, growth plans; MSZ: explanation, care concerned).' },
    PROTECTED_CARE_ROOM_REQUIRED: { description: 'MSZ: chronic, emergency and restitution care must always fit under the ceiling; the request must confirm room is kept for it (seed 004).' },
    INVALID_STATUS_TRANSITION: { description: 'The procedure is not in the status this step starts from.' },
    INVALID_DATE: { description: 'The date lies before the submission, or in the future.' },
    NOTE_REQUIRED: { description: 'An answer needs an explanation.' },
  },
});

export const CeilingProcedureUserError = userErrorType('CeilingProcedureUserError', CeilingProcedureErrorCode, 'A problem with a ceiling-procedure mutation input.');

export const CeilingProcedureConnection = connectionType(CeilingProcedure, 'CeilingProcedure', 'ceiling procedure');

export enum CeilingProcedureAlertKind {
  REPORT_LATE = 'REPORT_LATE',
  ANSWER_OVERDUE = 'ANSWER_OVERDUE',
}
registerEnumType(CeilingProcedureAlertKind, {
  name: 'CeilingProcedureAlertKind',
  description: 'What is late in a ceiling-threat procedure.',
  valuesConfig: {
    REPORT_LATE: { description: 'ZG: the report was submitted after 1 September of the contract year, or is still not submitted after it (seed 003).' },
    ANSWER_OVERDUE: { description: "The insurer's answer is past its due date: 4 weeks after the ZG meeting (seed 003), 5 weeks after all MSZ information is in (seed 004)." },
  },
});

@ObjectType('CeilingProcedureAlert', { description: 'A late report or an overdue answer in a ceiling-threat procedure, beside the ceiling alerts of contractAlerts.' })
export class CeilingProcedureAlert {
  @Field(() => CeilingProcedureAlertKind, { description: 'What is late.' })
  kind!: CeilingProcedureAlertKind;

  @Field(() => DateScalar, { description: 'The date it was due.' })
  dueOn!: string;

  @Field(() => CeilingProcedure, { description: 'The procedure.' })
  procedure!: CeilingProcedure;
}

export const CeilingProcedureAlertConnection = connectionType(CeilingProcedureAlert, 'CeilingProcedureAlert', 'ceiling procedure alert');

@ObjectType('CeilingProcedurePayload', { description: 'Result of a ceiling-procedure mutation.' })
export class CeilingProcedurePayload {
  @Field(() => CeilingProcedure, { nullable: true, description: 'The procedure as saved; null when userErrors is not empty.' })
  ceilingProcedure!: CeilingProcedure | null;

  @Field(() => [CeilingProcedureUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof CeilingProcedureUserError>[];
}
