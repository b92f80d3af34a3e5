import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { PageArgs, SyncPageArgs, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { DateScalar, MoneyScalar } from '../graphql/scalars';
import { describeOperation } from '../auth/access-policy';
import { Contract } from '../contract/contract.entity';
import { CeilingProcedure } from './ceiling-procedure.entity';
import {
  CeilingProcedureDecideInput,
  CeilingProcedureFilter,
  CeilingProcedureOpenInput,
  CeilingProcedureRecordInformationCompleteInput,
  CeilingProcedureRecordMeetingInput,
  CeilingProcedureSubmitInput,
  CeilingProcedureUpdateInput,
} from './ceiling-procedure.inputs';
import { CeilingProcedureAlertConnection, CeilingProcedureConnection, CeilingProcedurePayload } from './ceiling-procedure.payloads';
import { answerDueOn, answeredLate, answerOverdue, reportDueOn, reportLate, todayIso } from './ceiling-procedure.rules';
import * as service from './ceiling-procedure.service';

registerNodeType('CeilingProcedure', service.proceduresByIds);

const asOfArg = { nullable: true, description: 'The date to judge on; today when omitted.' } as const;

@Resolver(() => CeilingProcedure)
export class CeilingProcedureResolver {
  @Query(() => CeilingProcedureConnection, { description: describeOperation(`Ceiling-threat procedures of your own contracts, newest year first.`, 'ceiling.procedure.read') })
  async ceilingProcedures(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => CeilingProcedureFilter, { nullable: true, description: 'Conditions the procedures must meet.' }) filter: CeilingProcedureFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listProcedures(ctx, filter, page));
  }

  @Query(() => CeilingProcedureAlertConnection, {
    description: describeOperation(`Late ZG reports and overdue answers among your own ceiling-threat procedures of a year, earliest due date first; they sit beside the ceiling alerts of contractAlerts.`, 'ceiling.procedure.read'),
  })
  async ceilingProcedureAlerts(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'The contract year; the current calendar year when omitted.' }) year: number | null,
    @Arg('asOf', () => DateScalar, asOfArg) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listProcedureAlerts(ctx, year, asOf, page));
  }

  @FieldResolver(() => Contract, { description: 'The contract whose ceiling threatens to fill.' })
  contract(@Root() procedure: CeilingProcedure) {
    return service.contractOf(procedure);
  }

  @FieldResolver(() => MoneyScalar, { nullable: true, description: 'ZG: the forecast revenue of the year in euros ("uw onderbouwde prognose").' })
  forecastAmount(@Root() procedure: CeilingProcedure) {
    return procedure.forecastAmount;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'ZG: the report is due on 1 September of the contract year (seed 003); null for MSZ, which sets no date.' })
  reportDueOn(@Root() procedure: CeilingProcedure) {
    return reportDueOn(procedure);
  }

  @FieldResolver(() => Boolean, { description: 'ZG: submitted after 1 September, or still not submitted on asOf after it.' })
  reportLate(@Root() procedure: CeilingProcedure, @Arg('asOf', () => DateScalar, asOfArg) asOf: string | null) {
    return reportLate(procedure, asOf ?? todayIso());
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: "When the insurer's answer is due: 4 weeks after the ZG meeting (seed 003), 5 weeks after all MSZ information is in (seed 004); null until that date is known.",
  })
  answerDueOn(@Root() procedure: CeilingProcedure) {
    return answerDueOn(procedure);
  }

  @FieldResolver(() => Boolean, { description: 'The answer is past its due date on asOf and not given yet.' })
  answerOverdue(@Root() procedure: CeilingProcedure, @Arg('asOf', () => DateScalar, asOfArg) asOf: string | null) {
    return answerOverdue(procedure, asOf ?? todayIso());
  }

  @FieldResolver(() => Boolean, { description: 'The answer was given after its due date.' })
  answeredLate(@Root() procedure: CeilingProcedure) {
    return answeredLate(procedure);
  }

  @Mutation(() => CeilingProcedurePayload, {
    description: describeOperation(`Opens a DRAFT ceiling-threat report (ZG) or request (MSZ) for a year of a signed contract with a ceiling.`, 'ceiling.procedure.write'),
  })
  async ceilingProcedureOpen(@Arg('input', () => CeilingProcedureOpenInput, { description: 'The contract, year and facts.' }) input: CeilingProcedureOpenInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.openProcedure(ctx, input);
    return { ceilingProcedure: result, userErrors };
  }

  @Mutation(() => CeilingProcedurePayload, { description: describeOperation(`Changes the facts of a DRAFT procedure.`, 'ceiling.procedure.write') })
  async ceilingProcedureUpdate(@Arg('input', () => CeilingProcedureUpdateInput, { description: 'The procedure and its changed facts.' }) input: CeilingProcedureUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateProcedure(ctx, input);
    return { ceilingProcedure: result, userErrors };
  }

  @Mutation(() => CeilingProcedurePayload, {
    description: describeOperation(`Sends a DRAFT to the insurer (DRAFT to SUBMITTED) once the facts its seed asks for are there.`, 'ceiling.procedure.write'),
  })
  async ceilingProcedureSubmit(@Arg('input', () => CeilingProcedureSubmitInput, { description: 'The procedure.' }) input: CeilingProcedureSubmitInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.submitProcedure(ctx, input);
    return { ceilingProcedure: result, userErrors };
  }

  @Mutation(() => CeilingProcedurePayload, {
    description: describeOperation(`ZG: records the meeting on a submitted report (SUBMITTED to MEETING_HELD); the answer is due 4 weeks later.`, 'ceiling.procedure.answer'),
  })
  async ceilingProcedureRecordMeeting(
    @Arg('input', () => CeilingProcedureRecordMeetingInput, { description: 'The procedure and the meeting date.' }) input: CeilingProcedureRecordMeetingInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.recordMeeting(ctx, input);
    return { ceilingProcedure: result, userErrors };
  }

  @Mutation(() => CeilingProcedurePayload, {
    description: describeOperation(`MSZ: records that all requested information is in (SUBMITTED to ALL_INFORMATION_RECEIVED); the decision is due 5 weeks later.`, 'ceiling.procedure.answer'),
  })
  async ceilingProcedureRecordInformationComplete(
    @Arg('input', () => CeilingProcedureRecordInformationCompleteInput, { description: 'The procedure and the date.' }) input: CeilingProcedureRecordInformationCompleteInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.recordInformationComplete(ctx, input);
    return { ceilingProcedure: result, userErrors };
  }

  @Mutation(() => CeilingProcedurePayload, {
    description: describeOperation(`Records the insurer's answer (MEETING_HELD or ALL_INFORMATION_RECEIVED to DECIDED).`, 'ceiling.procedure.answer'),
  })
  async ceilingProcedureDecide(@Arg('input', () => CeilingProcedureDecideInput, { description: 'The procedure and the answer.' }) input: CeilingProcedureDecideInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.decideProcedure(ctx, input);
    return { ceilingProcedure: result, userErrors };
  }
}
