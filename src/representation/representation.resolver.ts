import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { BY_ID, pageList } from '../core/paging';
import { PageArgs, SyncPageArgs, replacedBy, toConnection } from '../graphql/connection';
import { describeOperation } from '../auth/access-policy';
import { InsurerConnection } from '../insurer/insurer.payloads';
import { RegionConnection } from '../region/region.payloads';
import { registerNodeType } from '../graphql/node-registry';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from '../region/region.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from './representation-agreement.entity';
import * as service from './representation.service';
import { RepresentationAgreementCreateInput, RepresentationAgreementFilter, RepresentationAgreementUpdateInput } from './representation.inputs';
import {
  InsurerRegionRole,
  RepresentationAgreementConnection,
  RepresentationAgreementPayload,
  RepresentationCoverage,
  RepresentationPurchasers,
  RepresentationWarning,
} from './representation.types';

registerNodeType('RepresentationAgreement', service.agreementsByIds);

const REGION_KIND_ARG = { defaultValue: RegionKind.AMBULANCE, description: 'Region set of the region; ambulance regions by default.' };

@Resolver(() => RepresentationAgreement)
export class RepresentationResolver {
  @Query(() => RepresentationAgreementConnection, {
    description: describeOperation('Representation agreements, newest year first, then by segment and region.', 'reference.read'),
  })
  async representationAgreements(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => RepresentationAgreementFilter, { nullable: true, description: 'Conditions the agreements must meet.' })
    filter: RepresentationAgreementFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listAgreements(ctx, filter, page));
  }

  @Query(() => RepresentationAgreement, {
    nullable: true,
    description: describeOperation('The agreement for a segment, year and region, or null when there is none.', 'reference.read'),
  })
  representationAgreement(
    @Arg('segmentCode', () => String, { description: 'Segment code, e.g. "AMBULANCE".' }) segmentCode: string,
    @Arg('year', () => Int, { description: 'Contract year.' }) year: number,
    @Arg('regionCode', () => String, { description: 'Region code, e.g. "16".' }) regionCode: string,
    @Arg('regionKind', () => RegionKind, REGION_KIND_ARG) regionKind: RegionKind,
    @Ctx() ctx: RequestContext,
  ) {
    return service.agreementFor(ctx, segmentCode, year, regionKind, regionCode);
  }

  @Query(() => RepresentationAgreementConnection, {
    description:
      describeOperation('Agreements whose representing insurers are not the two largest by market share (judged on the current shares), newest year first.', 'reference.read'),
  })
  async representationMismatches(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('segmentCode', () => String, { nullable: true, description: 'Only agreements of this segment.' }) segmentCode: string | null,
    @Arg('year', () => Int, { nullable: true, description: 'Only agreements for this year.' }) year: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listMismatches(ctx, { segmentCode, year }, page));
  }

  @Query(() => RepresentationCoverage, {
    nullable: true,
    description:
      describeOperation('Per region of a region set, the lead and second insurer of a segment and year, and whether every region (all 25 ambulance regions) is covered; null for an unknown segment.', 'reference.read'),
  })
  representationCoverage(
    @Arg('segmentCode', () => String, { description: 'Segment code.' }) segmentCode: string,
    @Arg('year', () => Int, { description: 'Contract year.' }) year: number,
    @Arg('regionKind', () => RegionKind, REGION_KIND_ARG) regionKind: RegionKind,
    @Ctx() ctx: RequestContext,
  ) {
    return service.coverage(ctx, segmentCode, year, regionKind);
  }

  @Query(() => [InsurerRegionRole], {
    nullable: true,
    description:
      describeOperation("An insurer's role (lead, co-representing or follower) in every region where it has one for a segment and year, by region code; null for an unknown insurer.", 'reference.read'),
  })
  representationRoles(
    @Arg('insurerUzovi', () => String, { description: 'UZOVI code of the insurer.' }) insurerUzovi: string,
    @Arg('segmentCode', () => String, { description: 'Segment code.' }) segmentCode: string,
    @Arg('year', () => Int, { description: 'Contract year.' }) year: number,
    @Ctx() ctx: RequestContext,
  ) {
    return service.rolesOf(ctx, insurerUzovi, segmentCode, year);
  }

  @Query(() => RepresentationPurchasers, {
    nullable: true,
    description:
      describeOperation('Who purchases on behalf of an insurer in a region for a segment and year; null when the insurer, segment or region is unknown.', 'reference.read'),
  })
  representationPurchasers(
    @Arg('insurerUzovi', () => String, { description: 'UZOVI code of the insurer asked about (any insurer).' }) insurerUzovi: string,
    @Arg('segmentCode', () => String, { description: 'Segment code.' }) segmentCode: string,
    @Arg('regionCode', () => String, { description: 'Region code.' }) regionCode: string,
    @Arg('year', () => Int, { description: 'Contract year.' }) year: number,
    @Arg('regionKind', () => RegionKind, REGION_KIND_ARG) regionKind: RegionKind,
    @Ctx() ctx: RequestContext,
  ) {
    return service.purchasersFor(ctx, { insurerUzovi, segmentCode, regionKind, regionCode, year });
  }

  @FieldResolver(() => Segment, { description: 'The segment purchased by representation.' })
  segment(@Root() agreement: RepresentationAgreement) {
    return agreement.segment.load();
  }

  @FieldResolver(() => Region, { description: 'The region the agreement covers.' })
  region(@Root() agreement: RepresentationAgreement) {
    return agreement.region.load();
  }

  @FieldResolver(() => Insurer, { description: 'The lead insurer (normally the market leader).' })
  leadInsurer(@Root() agreement: RepresentationAgreement) {
    return agreement.leadInsurer.load();
  }

  @FieldResolver(() => Insurer, {
    nullable: true,
    description: 'The co-representing insurer (normally the second largest); null where the lead decides alone, as the preferred insurer for coordination functions.',
  })
  secondInsurer(@Root() agreement: RepresentationAgreement) {
    return agreement.secondInsurer ? agreement.secondInsurer.load() : null;
  }

  @FieldResolver(() => [Insurer], {
    description:
      "The insurers that follow: every insurer with a market share in the region that year outside the representing insurers' concerns, by name. Derived from the market shares.",
    deprecationReason: replacedBy('followersConnection'),
  })
  followers(@Root() agreement: RepresentationAgreement, @Ctx() ctx: RequestContext) {
    return service.followersOf(ctx, agreement);
  }

  @FieldResolver(() => InsurerConnection, {
    description:
      "The insurers that follow: every insurer with a market share in the region that year outside the representing insurers' concerns, by name. Derived from the market shares.",
  })
  async followersConnection(@Root() agreement: RepresentationAgreement, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const all = await service.followersOf(ctx, agreement);
    return toConnection(pageList(all, 'RepresentationAgreement.followers', [{ of: (i) => i.name, type: 'string' }, BY_ID], page, ctx.config.limits));
  }

  @FieldResolver(() => [RepresentationWarning], {
    description: 'How the representing insurers depart from the two largest by market share, judged on the current shares; empty when they match.',
  })
  warnings(@Root() agreement: RepresentationAgreement, @Ctx() ctx: RequestContext) {
    return service.warningsOf(ctx, agreement);
  }

  @Mutation(() => RepresentationAgreementPayload, {
    description:
      describeOperation('Records who represents in a segment, region and year; succeeds with warnings when they are not the two largest by market share.', 'representation.write'),
  })
  async representationAgreementCreate(
    @Arg('input', () => RepresentationAgreementCreateInput, { description: 'The new agreement.' }) input: RepresentationAgreementCreateInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors, warnings } = await service.createAgreement(ctx, input);
    return { representationAgreement: result, userErrors, warnings };
  }

  @Mutation(() => RepresentationAgreementPayload, {
    description: describeOperation('Changes the representing insurers, basis or notes of an agreement; succeeds with warnings like create.', 'representation.write'),
  })
  async representationAgreementUpdate(
    @Arg('input', () => RepresentationAgreementUpdateInput, { description: 'The changes.' }) input: RepresentationAgreementUpdateInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors, warnings } = await service.updateAgreement(ctx, input);
    return { representationAgreement: result, userErrors, warnings };
  }
}

/** `RepresentationCoverage.uncoveredRegionsConnection`: the regions without an agreement, by code. */
@Resolver(() => RepresentationCoverage)
export class RepresentationCoverageResolver {
  @FieldResolver(() => RegionConnection, { description: 'The regions without an agreement, by code.' })
  uncoveredRegionsConnection(@Root() coverage: RepresentationCoverage, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return toConnection(pageList(coverage.uncoveredRegions, 'RepresentationCoverage.uncoveredRegions', [{ of: (r) => r.code, type: 'string' }, BY_ID], page, ctx.config.limits));
  }
}

/** `RepresentationPurchasers.purchasersConnection`: at most two insurers, by name. */
@Resolver(() => RepresentationPurchasers)
export class RepresentationPurchasersResolver {
  @FieldResolver(() => InsurerConnection, {
    description:
      'The insurers that purchase on its behalf, by name: the lead and the co-representing insurer under representation; the insurer itself in a segment without representation; empty when a representation segment has no agreement for the region.',
  })
  purchasersConnection(@Root() purchasers: RepresentationPurchasers, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return toConnection(pageList(purchasers.purchasers, 'RepresentationPurchasers.purchasers', [{ of: (i) => i.name, type: 'string' }, BY_ID], page, ctx.config.limits));
  }
}
