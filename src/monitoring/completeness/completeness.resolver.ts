import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { describeOperation } from '../../auth/access-policy';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { Region } from '../../region/region.entity';
import { PolicyMilestone } from '../../purchasing-policy/policy-milestone.entity';
import { CompletenessState } from '../monitoring.enums';
import { byId, monitoringLoaders } from '../monitoring.loaders';
import { completeness, deadlineFor, setDeadline, ResolvedDeadline } from './completeness.service';
import { MonitoringDeadlineSetInput } from './completeness.inputs';
import {
  CoordinationFunctionCompleteness,
  MonitoringCompletenessType,
  MonitoringDeadlinePayload,
  MonitoringDeadlineType,
  MonitoringRegionCompleteness,
} from './completeness.payloads';

function deadlineType(d: ResolvedDeadline): MonitoringDeadlineType {
  return Object.assign(new MonitoringDeadlineType(), d);
}

@Resolver(() => MonitoringCompletenessType)
export class MonitoringCompletenessResolver {
  @Query(() => MonitoringCompletenessType, {
    description:
      describeOperation('Which coordination functions delivered the figures of a year on time, late or not at all, and which required figures they lack; per core region of an insurer. Lists only the functions whose submissions you may read.', 'reference.read'),
  })
  async monitoringCompleteness(
    @Arg('year', () => Int, { description: 'The reporting year.' }) year: number,
    @Arg('insurerUzovi', () => String, { nullable: true, description: "The insurer whose core regions to show; an insurer's own by default, every region with a coordination function otherwise." })
    insurerUzovi: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const result = await completeness(ctx, year, insurerUzovi);
    const regions = result.regions.map((r) =>
      Object.assign(new MonitoringRegionCompleteness(), {
        regionId: r.regionId,
        marketLeaderId: r.marketLeaderId,
        coordinationFunctions: r.functions.map((f) => Object.assign(new CoordinationFunctionCompleteness(), { ...f, missingFigures: f.missing })),
      }),
    );
    const states = result.regions.flatMap((r) => r.functions.map((f) => f.state));
    return Object.assign(new MonitoringCompletenessType(), {
      year,
      deadline: deadlineType(result.deadline),
      deadlinePassed: result.deadlinePassed,
      regions,
      onTime: states.filter((s) => s === CompletenessState.ON_TIME).length,
      late: states.filter((s) => s === CompletenessState.LATE).length,
      notSubmitted: states.filter((s) => s === CompletenessState.NOT_SUBMITTED).length,
    });
  }

  @Query(() => MonitoringDeadlineType, { description: describeOperation('The deadline of a reporting year.', 'reference.read') })
  async monitoringDeadline(@Arg('year', () => Int, { description: 'The reporting year.' }) year: number, @Ctx() ctx: RequestContext) {
    return deadlineType(await deadlineFor(ctx, year));
  }

  @Mutation(() => MonitoringDeadlinePayload, { description: describeOperation('Sets the deadline of a reporting year, as a date or a policy milestone.', 'monitoring.deadline.write') })
  async monitoringDeadlineSet(@Arg('input', () => MonitoringDeadlineSetInput, { description: 'The year and its deadline.' }) input: MonitoringDeadlineSetInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await setDeadline(ctx, input);
    return { deadline: result ? deadlineType(result) : null, userErrors };
  }
}

@Resolver(() => MonitoringDeadlineType)
export class MonitoringDeadlineResolver {
  @FieldResolver(() => PolicyMilestone, { nullable: true, description: 'The policy milestone the deadline follows, if any.' })
  milestone(@Root() d: MonitoringDeadlineType, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.milestone, d.milestoneId);
  }
}

@Resolver(() => MonitoringRegionCompleteness)
export class MonitoringRegionCompletenessResolver {
  @FieldResolver(() => Region, { description: 'The region.' })
  region(@Root() r: MonitoringRegionCompleteness, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.region, r.regionId);
  }

  @FieldResolver(() => Insurer, { nullable: true, description: 'The market leader of the region that year (whose core region it is).' })
  marketLeader(@Root() r: MonitoringRegionCompleteness, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.insurer, r.marketLeaderId);
  }
}

@Resolver(() => CoordinationFunctionCompleteness)
export class CoordinationFunctionCompletenessResolver {
  @FieldResolver(() => Provider, { description: 'The coordination function.' })
  coordinationFunction(@Root() f: CoordinationFunctionCompleteness, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.provider, f.providerId);
  }
}

export const COMPLETENESS_RESOLVERS = [
  MonitoringCompletenessResolver,
  MonitoringDeadlineResolver,
  MonitoringRegionCompletenessResolver,
  CoordinationFunctionCompletenessResolver,
] as const;
