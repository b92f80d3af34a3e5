import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { describeOperation } from '../../auth/access-policy';
import type { Row } from '../../db/find-page';
import type { RequestContext } from '../../core/context';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { Region } from '../../region/region.entity';
import * as checklists from './checklist.service';
import { byId, monitoringLoaders } from '../monitoring.loaders';
import {
  CoordinationChecklistPayload,
  CoordinationChecklistType,
  CoordinationConditionState,
  ElvBedCoverage,
  ElvSignatory,
  ProviderElvBedsPayload,
} from './checklist.payloads';
import { CoordinationConditionRecordInput, CoordinationSignatoriesSetInput, ProviderElvBedsSetInput } from './checklist.inputs';

function checklistType(c: checklists.Checklist): CoordinationChecklistType {
  return Object.assign(new CoordinationChecklistType(), {
    coordinationFunctionId: c.coordinationFunction.id,
    year: c.year,
    conditions: c.conditions.map((s) => Object.assign(new CoordinationConditionState(), s)),
    elvBedCoverage: Object.assign(new ElvBedCoverage(), {
      ...c.coverage,
      signatories: c.coverage.signatories.map((s) => Object.assign(new ElvSignatory(), s)),
    }),
    allMet: c.allMet,
  });
}

@Resolver(() => CoordinationChecklistType)
export class CoordinationChecklistResolver {
  @Query(() => CoordinationChecklistType, {
    nullable: true,
    description:
      describeOperation('The Bijlage 1 checklist (seed 002) of a coordination function for a year, or null when there is none you may read.', 'monitoring.read'),
  })
  async coordinationChecklist(
    @Arg('coordinationFunctionAgb', () => String, { description: 'AGB code of the coordination function.' }) agb: string,
    @Arg('year', () => Int, { description: 'The contract year.' }) year: number,
    @Ctx() ctx: RequestContext,
  ) {
    const result = await checklists.checklist(ctx, agb, year);
    return result ? checklistType(result) : null;
  }

  @FieldResolver(() => Provider, { description: 'The coordination function.' })
  coordinationFunction(@Root() c: CoordinationChecklistType, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.provider, c.coordinationFunctionId);
  }

  @Mutation(() => CoordinationChecklistPayload, {
    description: describeOperation('Records whether a Bijlage 1 condition is met, with its evidence (for condition 4 the part the signatories cannot show).', 'coordination.checklist.write'),
  })
  async coordinationConditionRecord(@Arg('input', () => CoordinationConditionRecordInput, { description: 'The assessment.' }) input: CoordinationConditionRecordInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await checklists.recordCondition(ctx, input);
    return { checklist: result ? checklistType(result) : null, userErrors };
  }

  @Mutation(() => CoordinationChecklistPayload, {
    description:
      describeOperation('Replaces the providers that signed the regional agreements for a year (condition 4).', 'coordination.signatories.write'),
  })
  async coordinationSignatoriesSet(@Arg('input', () => CoordinationSignatoriesSetInput, { description: 'The signatories.' }) input: CoordinationSignatoriesSetInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await checklists.setSignatories(ctx, input);
    return { checklist: result ? checklistType(result) : null, userErrors };
  }
}

@Resolver(() => CoordinationConditionState)
export class CoordinationConditionStateResolver {
  @FieldResolver(() => Insurer, { nullable: true, description: 'The insurer that recorded the assessment.' })
  recordedBy(@Root() s: CoordinationConditionState, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.insurer, s.recordedById);
  }
}

@Resolver(() => ElvBedCoverage)
export class ElvBedCoverageResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region of the coordination function.' })
  region(@Root() c: ElvBedCoverage, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.region, c.regionId);
  }
}

@Resolver(() => ElvSignatory)
export class ElvSignatoryResolver {
  @FieldResolver(() => Provider, { description: 'The provider that signed.' })
  provider(@Root() s: ElvSignatory, @Ctx() ctx: RequestContext) {
    return byId(ctx, monitoringLoaders.provider, s.providerId);
  }
}

/** Monitoring owns Provider.elvBeds and its mutation. */
@Resolver(() => Provider)
export class ProviderElvBedsResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'ELV (eerstelijnsverblijf) beds on record; null for a provider without any. Used by the 85% coverage rule of seed 002.' })
  elvBeds(@Root() provider: Row<Provider>, @Ctx() ctx: RequestContext) {
    return checklists.elvBedsOf(ctx, provider);
  }

  @Mutation(() => ProviderElvBedsPayload, { description: describeOperation('Sets the ELV beds of a provider.', 'reference.write') })
  async providerElvBedsSet(@Arg('input', () => ProviderElvBedsSetInput, { description: 'The provider and its beds.' }) input: ProviderElvBedsSetInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await checklists.setElvBeds(ctx, input);
    return { provider: result, userErrors };
  }
}

export const CHECKLIST_RESOLVERS = [
  CoordinationChecklistResolver,
  CoordinationConditionStateResolver,
  ElvBedCoverageResolver,
  ElvSignatoryResolver,
  ProviderElvBedsResolver,
] as const;
