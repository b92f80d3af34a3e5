import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { authorize } from '../auth/access-policy';
import { Row, containsPattern, dir, findRowPage, findRows, findRowsByIds } from '../db/find-page';
import { isPlausibleYear, requiredText } from '../shared/validation';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from './region.entity';
import { MarketShare } from './market-share.entity';
import { RegionErrorCode as Code } from './region.errors';
import { regionLoaders } from './region.loaders';
import { MarketShareFilter, MarketShareOrder, MarketShareOrderField, MarketShareSetInput, RegionCreateInput, RegionFilter, RegionOrder, RegionOrderField, RegionUpdateInput } from './region.inputs';

const TEXT_CODES = { required: Code.REQUIRED, tooLong: Code.TOO_LONG };
const REGION_CODE = /^[A-Za-z0-9]{1,10}$/;
const SHARE = /^\d{1,3}(\.\d{1,2})?$/;

export async function listRegions(ctx: RequestContext, filter: RegionFilter | null | undefined, order: RegionOrder | null | undefined, page: PageQuery): Promise<Page<Row<Region>>> {
  const { where, orderBy } = regionList(ctx, filter, order);
  return findRowPage(ctx, Region, where, orderBy, page);
}

/** The filter and order of a list of regions (also compiled to SQL by graphql/json-read.ts), after the permission check. */
export function regionList(ctx: RequestContext, filter: RegionFilter | null | undefined, order: RegionOrder | null | undefined) {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<Region> = {};
  if (filter?.kind) where.kind = filter.kind;
  if (filter?.codes) where.code = { $in: filter.codes };
  if (filter?.search) where.name = { $ilike: containsPattern(filter.search) };
  const column = order?.field === RegionOrderField.NAME ? 'name' : 'code';
  return { where, orderBy: [{ kind: 'asc' }, { [column]: dir(order?.direction) }] as QueryOrderMap<Region>[] };
}

export async function regionByCode(ctx: RequestContext, kind: RegionKind, code: string): Promise<Row<Region> | null> {
  authorize(ctx, 'reference.read');
  return (await findRows(ctx, Region, { kind, code }, []))[0] ?? null;
}

export async function regionsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Row<Region> | null)[]> {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, Region, ids);
}

/** A region by id, batched across the request (the region of a provider, of a share ...). */
export function regionById(ctx: RequestContext, id: number): Promise<Row<Region> | null> {
  return regionLoaders.byId.of(ctx).load(id);
}

/** A row of a read that may carry its region, loaded with the rows when the read asked for it. */
export type WithRegionRow = { region: { id: number } | null; regionRow?: Row<Region> | null };

/**
 * Sets each row's `regionRow` to its region, all fetched through the request's region loader (one statement for
 * the lot): the region field then resolves from the row, without one loader promise per row.
 */
export async function attachRegions(ctx: RequestContext, rows: readonly WithRegionRow[]): Promise<void> {
  const ids = [...new Set(rows.flatMap((r) => (r.region ? [r.region.id] : [])))];
  if (ids.length === 0) {
    for (const row of rows) row.regionRow = null;
    return;
  }
  const regions = await regionLoaders.byId.of(ctx).loadMany(ids);
  const byId = new Map(ids.map((id, index) => [id, regions[index]]));
  for (const row of rows) {
    const region = row.region ? byId.get(row.region.id) : null;
    if (region instanceof Error) throw region;
    row.regionRow = region ?? null;
  }
}

export async function marketSharesByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Row<MarketShare> | null)[]> {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, MarketShare, ids);
}

export async function listMarketShares(
  ctx: RequestContext,
  filter: MarketShareFilter | null | undefined,
  order: MarketShareOrder | null | undefined,
  page: PageQuery,
): Promise<Page<Row<MarketShare>>> {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<MarketShare> = {};
  if (filter?.year != null) where.year = filter.year;
  if (filter?.insurerUzovi) where.insurer = { uzovi: filter.insurerUzovi };
  if (filter?.regionCode) where.region = { code: filter.regionCode };
  const defaults: QueryOrderMap<MarketShare>[] = [{ year: 'desc' }, { region: { code: 'asc' } }, { sharePercent: 'desc' }];
  const chosen: Record<MarketShareOrderField, QueryOrderMap<MarketShare>> = {
    YEAR: { year: dir(order?.direction) },
    SHARE: { sharePercent: dir(order?.direction) },
    REGION: { region: { code: dir(order?.direction) } },
  };
  return findRowPage(ctx, MarketShare, where, order ? [chosen[order.field], ...defaults] : defaults, page);
}

/** A market share as reads return it; `regionRow` is its region, when the read asked for it with the shares. */
export type ShareRow = Row<MarketShare> & WithRegionRow;

/**
 * Market shares of many insurers or regions at once, largest first, optionally for one year. With `withRegion`,
 * their regions come along through the region loader (the same one statement for a page of shares), so that each
 * share's region resolves from the row rather than through one loader promise per share.
 */
function sharesBy(ctx: RequestContext, side: 'insurer' | 'region', id: number, year: number | null | undefined, withRegion: boolean): Promise<ShareRow[]> {
  authorize(ctx, 'reference.read');
  return regionLoaders.shares.of(ctx, { side, year: year ?? null, withRegion }).load(id);
}

export const sharesOfInsurer = (ctx: RequestContext, insurerId: number, year?: number | null, withRegion = false) =>
  sharesBy(ctx, 'insurer', insurerId, year, withRegion);
export const sharesInRegion = (ctx: RequestContext, regionId: number, year?: number | null) => sharesBy(ctx, 'region', regionId, year, false);

export function createRegion(ctx: RequestContext, input: RegionCreateInput): Promise<MutationOutcome<Region>> {
  authorize(ctx, 'reference.write');
  const duplicate = () => ({ field: ['code'], code: Code.DUPLICATE_CODE, message: `Region set ${input.kind} already has a region with code ${input.code}.` });
  return runMutation(
    ctx,
    async (em) => {
      const problems = new Problems<Code>();
      const code = input.code.trim();
      if (!REGION_CODE.test(code)) problems.add('code', Code.INVALID_CODE, `Region code must be 1-10 letters or digits; got "${input.code}".`);
      else if ((await em.count(Region, { kind: input.kind, code })) > 0) problems.add(duplicate().field, Code.DUPLICATE_CODE, duplicate().message);
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      problems.throwIfAny();
      const region = em.create(Region, { kind: input.kind, code, name: name! });
      await em.flush();
      return region;
    },
    duplicate,
  );
}

export function updateRegion(ctx: RequestContext, input: RegionUpdateInput): Promise<MutationOutcome<Region>> {
  authorize(ctx, 'reference.write');
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'Region');
    const region = id ? await em.findOne(Region, { id }) : null;
    if (!region) fail('id', Code.NOT_FOUND, 'No region has this ID.');
    const problems = new Problems<Code>();
    if (input.name != null) {
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      if (name) region.name = name;
    }
    problems.throwIfAny();
    await em.flush();
    return region;
  });
}

/** "7.5" as the column stores and reads it back: "7.50", so the payload shows the share as saved. */
function withTwoDecimals(share: string): string {
  const [whole, fraction = ''] = share.split('.');
  return `${Number(whole)}.${fraction.padEnd(2, '0')}`;
}

/**
 * Creates or replaces a share. The region row is locked so that two concurrent writers cannot together push the
 * region-year over 100 percent; the sum is computed by PostgreSQL in exact decimals.
 */
export function setMarketShare(ctx: RequestContext, input: MarketShareSetInput): Promise<MutationOutcome<MarketShare>> {
  authorize(ctx, 'reference.write');
  return runMutation(ctx, async (em) => {
    const problems = new Problems<Code>();
    const insurer = await em.findOne(Insurer, { uzovi: input.insurerUzovi.trim() });
    if (!insurer) problems.add('insurerUzovi', Code.UNKNOWN_INSURER, `No insurer has UZOVI code "${input.insurerUzovi}".`);
    const region = await em.findOne(Region, { kind: input.regionKind, code: input.regionCode.trim() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!region) problems.add('regionCode', Code.UNKNOWN_REGION, `No ${input.regionKind.toLowerCase()} region has code "${input.regionCode}".`);
    if (!isPlausibleYear(input.year)) problems.add('year', Code.INVALID_YEAR, `Year must be between 2000 and 2100; got ${input.year}.`);
    const given = input.sharePercent.trim();
    if (!SHARE.test(given) || Number(given) > 100) {
      problems.add('sharePercent', Code.OUT_OF_RANGE, `Share must be between 0 and 100 percent with at most two decimals; got ${input.sharePercent}.`);
    }
    problems.throwIfAny();
    const share = withTwoDecimals(given);
    const [{ others, exceeds }] = await em.execute<{ others: string; exceeds: boolean }[]>(
      `select coalesce(sum(share_percent), 0)::text as others, coalesce(sum(share_percent), 0) + ?::numeric > 100 as exceeds
         from market_share where region_id = ? and year = ? and insurer_id <> ?`,
      [share, region!.id, input.year, insurer!.id],
    );
    if (exceeds) {
      fail('sharePercent', Code.TOTAL_EXCEEDS_100, `The other insurers already hold ${others}% of ${region!.name} in ${input.year}; ${share}% more would exceed 100%.`);
    }
    let row = await em.findOne(MarketShare, { insurer: insurer!, region: region!, year: input.year });
    if (row) row.sharePercent = share;
    else row = em.create(MarketShare, { insurer: insurer!, region: region!, year: input.year, sharePercent: share });
    await em.flush();
    return row;
  });
}
