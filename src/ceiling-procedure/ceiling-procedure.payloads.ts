import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { DateScalar } from '../graphql/scalars';
import { CeilingProcedure } from './ceiling-procedure.entity';
import { CeilingProcedureUserError } from './ceiling-procedure.errors';

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
