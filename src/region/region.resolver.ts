import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { describeOperation } from '../auth/access-policy';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../core/context';
import { BY_ID, ListKey, pageList } from '../core/paging';
import { PageArgs, SyncPageArgs, replacedBy, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { registerJsonRoot, registerJsonType } from '../graphql/json-read';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from './region.entity';
import { MarketShare } from './market-share.entity';
import * as service from './region.service';
import { insurerById } from '../insurer/insurer.service';
import type { Row } from '../db/find-page';
import { selectsPath } from '../graphql/selection';
import { MarketShareFilter, MarketShareOrder, MarketShareSetInput, RegionCreateInput, RegionFilter, RegionOrder, RegionUpdateInput } from './region.inputs';
import { MarketShareConnection, MarketSharePayload, RegionConnection, RegionPayload } from './region.payloads';

/** Nested market shares: newest year first, largest share first, then by id (as the plain lists). */
const SHARE_KEYS: ListKey<Row<MarketShare>>[] = [
  { of: (s) => s.year, type: 'number', desc: true },
  { of: (s) => Number(s.sharePercent), type: 'number', desc: true },
  BY_ID,
];


registerNodeType('Region', service.regionsByIds);
registerNodeType('MarketShare', service.marketSharesByIds);

// Reads compiled to one statement per root field (graphql/json-read.ts): public to every principal.
const SHARES = { kind: 'many', type: 'MarketShare', order: ['year desc', 'share_percent desc', 'id asc'], args: { year: 'year' } } as const;
registerJsonType('Region', { table: 'region', columns: { kind: 'kind', code: 'code', name: 'name' }, relations: { marketShares: { ...SHARES, column: 'region_id', order: [...SHARES.order] } } });
registerJsonType('MarketShare', {
  table: 'market_share',
  columns: { year: 'year', sharePercent: 'share_percent::text' },
  relations: { insurer: { kind: 'one', type: 'Insurer', column: 'insurer_id' }, region: { kind: 'one', type: 'Region', column: 'region_id' } },
});
registerJsonType('Insurer', { table: 'insurer', columns: {}, relations: { marketShares: { ...SHARES, column: 'insurer_id', order: [...SHARES.order] } } });
registerJsonRoot('regions', { type: 'Region', entity: Region, query: (ctx, args) => service.regionList(ctx, args.filter as RegionFilter, args.orderBy as RegionOrder) });

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => RegionConnection, { description: describeOperation('Regions, filtered and ordered (by set, then code).', 'reference.read') })
  async regions(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => RegionFilter, { nullable: true, description: 'Conditions the regions must meet.' }) filter: RegionFilter | null,
    @Arg('orderBy', () => RegionOrder, { nullable: true, description: 'Sort order within a region set; by code when omitted.' }) orderBy: RegionOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listRegions(ctx, filter, orderBy, page));
  }

  @Query(() => Region, { nullable: true, description: describeOperation('The region with this code in a region set, or null.', 'reference.read') })
  region(
    @Arg('code', () => String, { description: 'Region code, e.g. "16".' }) code: string,
    @Arg('kind', () => RegionKind, { defaultValue: RegionKind.AMBULANCE, description: 'Region set; ambulance regions by default.' }) kind: RegionKind,
    @Ctx() ctx: RequestContext,
  ) {
    return service.regionByCode(ctx, kind, code);
  }

  @FieldResolver(() => [MarketShare], {
    description: 'Market shares in this region, newest year first, largest share first.',
    deprecationReason: replacedBy('marketSharesConnection'),
  })
  marketShares(
    @Root() region: Row<Region>,
    @Arg('year', () => Int, { nullable: true, description: 'Only this year.' }) year: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return service.sharesInRegion(ctx, region.id, year);
  }

  @FieldResolver(() => MarketShareConnection, { description: 'Market shares in this region, newest year first, largest share first.' })
  async marketSharesConnection(
    @Root() region: Row<Region>,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'Only this year.' }) year: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = (await service.sharesInRegion(ctx, region.id, year)) as Row<MarketShare>[];
    return toConnection(pageList(all, 'Region.marketShares', SHARE_KEYS, page, ctx.config.limits));
  }

  @Mutation(() => RegionPayload, { description: describeOperation('Adds a region to a region set.', 'reference.write') })
  async regionCreate(@Arg('input', () => RegionCreateInput, { description: 'The new region.' }) input: RegionCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createRegion(ctx, input);
    return { region: result, userErrors };
  }

  @Mutation(() => RegionPayload, { description: describeOperation('Renames a region.', 'reference.write') })
  async regionUpdate(@Arg('input', () => RegionUpdateInput, { description: 'The changes.' }) input: RegionUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateRegion(ctx, input);
    return { region: result, userErrors };
  }
}

@Resolver(() => MarketShare)
export class MarketShareResolver {
  @Query(() => MarketShareConnection, { description: describeOperation('Market shares, newest year first, then by region and largest share.', 'reference.read') })
  async marketShares(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => MarketShareFilter, { nullable: true, description: 'Conditions the shares must meet.' }) filter: MarketShareFilter | null,
    @Arg('orderBy', () => MarketShareOrder, { nullable: true, description: 'Sort order; newest year, region, largest share when omitted.' })
    orderBy: MarketShareOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listMarketShares(ctx, filter, orderBy, page));
  }

  @FieldResolver(() => Insurer, { description: 'The insurer holding the share.' })
  insurer(@Root() share: Row<MarketShare>, @Ctx() ctx: RequestContext) {
    return insurerById(ctx, share.insurer.id);
  }

  @FieldResolver(() => Region, { description: 'The region the share applies to.' })
  region(@Root() share: service.ShareRow, @Ctx() ctx: RequestContext) {
    return share.regionRow !== undefined ? share.regionRow : service.regionById(ctx, share.region.id);
  }

  @Mutation(() => MarketSharePayload, { description: describeOperation("Sets an insurer's market share in a region and year; the shares of a region-year may not exceed 100%.", 'reference.write') })
  async marketShareSet(@Arg('input', () => MarketShareSetInput, { description: 'The share.' }) input: MarketShareSetInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.setMarketShare(ctx, input);
    return { marketShare: result, userErrors };
  }
}

/** The region feature owns `Insurer.marketShares`. */
@Resolver(() => Insurer)
export class InsurerMarketShareResolver {
  @FieldResolver(() => [MarketShare], {
    description: "The insurer's market shares, newest year first, largest share first.",
    deprecationReason: replacedBy('marketSharesConnection'),
  })
  marketShares(
    @Root() insurer: Row<Insurer>,
    @Arg('year', () => Int, { nullable: true, description: 'Only this year.' }) year: number | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.sharesOfInsurer(ctx, insurer.id, year, selectsPath(info, ['region']));
  }

  @FieldResolver(() => MarketShareConnection, { description: "The insurer's market shares, newest year first, largest share first." })
  async marketSharesConnection(
    @Root() insurer: Row<Insurer>,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'Only this year.' }) year: number | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const all = (await service.sharesOfInsurer(ctx, insurer.id, year, selectsPath(info, ['nodes', 'region']) || selectsPath(info, ['edges', 'node', 'region']))) as Row<MarketShare>[];
    return toConnection(pageList(all, 'Insurer.marketShares', SHARE_KEYS, page, ctx.config.limits));
  }
}
