import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { authorize } from '../auth/access-policy';
import { Row, containsPattern, dir, findRowPage, findRows, findRowsByIds } from '../db/find-page';
import { AGB, KVK, requiredText } from '../shared/validation';
import { Region, RegionKind } from '../region/region.entity';
import { Provider } from './provider.entity';
import { WithRegionRow, attachRegions } from '../region/region.service';
import { ProviderErrorCode as Code } from './provider.errors';
import { ProviderCreateInput, ProviderFilter, ProviderOrder, ProviderOrderField, ProviderUpdateInput } from './provider.inputs';

const TEXT_CODES = { required: Code.REQUIRED, tooLong: Code.TOO_LONG };

/** A provider as reads return it; `regionRow` is its region, when the read asked for it with the providers. */
export type ProviderRow = Row<Provider> & WithRegionRow;

/** A page of providers; with `withRegion`, their regions come along (one statement, as through the loader). */
export async function listProviders(
  ctx: RequestContext,
  filter: ProviderFilter | null | undefined,
  order: ProviderOrder | null | undefined,
  page: PageQuery,
  withRegion = false,
): Promise<Page<ProviderRow>> {
  const { where, orderBy } = providerList(ctx, filter, order);
  const found: Page<ProviderRow> = await findRowPage(ctx, Provider, where, orderBy, page);
  if (withRegion) await attachRegions(ctx, found.items);
  return found;
}

/** The filter and order of a list of providers (also compiled to SQL by graphql/json-read.ts), after the permission check. */
export function providerList(ctx: RequestContext, filter: ProviderFilter | null | undefined, order: ProviderOrder | null | undefined) {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<Provider> = {};
  if (filter?.kinds) where.kind = { $in: filter.kinds };
  if (filter?.regionCode) where.region = { kind: RegionKind.AMBULANCE, code: filter.regionCode };
  if (filter?.agb) where.agb = { $in: filter.agb };
  if (filter?.search) where.name = { $ilike: containsPattern(filter.search) };
  const column = order?.field === ProviderOrderField.AGB ? 'agb' : 'name';
  return { where, orderBy: [{ [column]: dir(order?.direction) }] as QueryOrderMap<Provider>[] };
}

export async function providerByAgb(ctx: RequestContext, agb: string): Promise<Row<Provider> | null> {
  authorize(ctx, 'reference.read');
  return (await findRows(ctx, Provider, { agb }, []))[0] ?? null;
}

export async function providersByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Row<Provider> | null)[]> {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, Provider, ids);
}

async function resolveRegion(ctx: RequestContext, problems: Problems<Code>, code: string): Promise<Region | null> {
  const region = await ctx.em.findOne(Region, { kind: RegionKind.AMBULANCE, code: code.trim() });
  if (!region) problems.add('regionCode', Code.UNKNOWN_REGION, `No ambulance region has code "${code}".`);
  return region;
}

export function createProvider(ctx: RequestContext, input: ProviderCreateInput): Promise<MutationOutcome<Provider>> {
  authorize(ctx, 'reference.write');
  const duplicate = () => ({ field: ['agb'], code: Code.DUPLICATE_AGB, message: `A provider with AGB code ${input.agb} already exists.` });
  return runMutation(
    ctx,
    async (em) => {
      const problems = new Problems<Code>();
      const agb = input.agb.trim();
      if (!AGB.test(agb)) problems.add('agb', Code.INVALID_AGB, `AGB code must be exactly 8 digits (leading zeros included); got "${input.agb}".`);
      else if ((await em.count(Provider, { agb })) > 0) problems.add('agb', Code.DUPLICATE_AGB, duplicate().message);
      const kvk = input.kvk.trim();
      if (!KVK.test(kvk)) problems.add('kvk', Code.INVALID_KVK, `KvK number must be exactly 8 digits; got "${input.kvk}".`);
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      const region = input.regionCode ? await resolveRegion({ ...ctx, em }, problems, input.regionCode) : null;
      problems.throwIfAny();
      const provider = em.create(Provider, { agb, kvk, name: name!, kind: input.kind, region });
      await em.flush();
      return provider;
    },
    duplicate,
  );
}

export function updateProvider(ctx: RequestContext, input: ProviderUpdateInput): Promise<MutationOutcome<Provider>> {
  authorize(ctx, 'reference.write');
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'Provider');
    const provider = id ? await em.findOne(Provider, { id }) : null;
    if (!provider) fail('id', Code.NOT_FOUND, 'No provider has this ID.');
    const problems = new Problems<Code>();
    if (input.kvk != null) {
      const kvk = input.kvk.trim();
      if (!KVK.test(kvk)) problems.add('kvk', Code.INVALID_KVK, `KvK number must be exactly 8 digits; got "${input.kvk}".`);
      else provider.kvk = kvk;
    }
    if (input.name != null) {
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      if (name) provider.name = name;
    }
    if (input.kind != null) provider.kind = input.kind;
    if (input.regionCode != null) {
      const region = await resolveRegion({ ...ctx, em }, problems, input.regionCode);
      if (region) provider.region = em.getReference(Region, region.id, { wrapped: true });
    }
    problems.throwIfAny();
    await em.flush();
    return provider;
  });
}
