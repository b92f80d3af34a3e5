import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { describeOperation } from '../auth/access-policy';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../core/context';
import { SyncPageArgs, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { registerJsonRoot, registerJsonType } from '../graphql/json-read';
import { Region } from '../region/region.entity';
import { Provider } from './provider.entity';
import * as service from './provider.service';
import { regionById } from '../region/region.service';
import { selectsPath } from '../graphql/selection';
import { ProviderConnection, ProviderPayload } from './provider.payloads';
import { ProviderCreateInput, ProviderFilter, ProviderOrder, ProviderUpdateInput } from './provider.inputs';

registerNodeType('Provider', service.providersByIds);

// Reads compiled to one statement per root field (graphql/json-read.ts): the public fields of a provider.
registerJsonType('Provider', { table: 'provider', columns: { agb: 'agb', kvk: 'kvk', name: 'name', kind: 'kind' }, relations: { region: { kind: 'one', type: 'Region', column: 'region_id' } } });
registerJsonRoot('providers', { type: 'Provider', entity: Provider, query: (ctx, args) => service.providerList(ctx, args.filter as ProviderFilter, args.orderBy as ProviderOrder) });

@Resolver(() => Provider)
export class ProviderResolver {
  @Query(() => ProviderConnection, { description: describeOperation('Care providers, filtered and ordered.', 'reference.read') })
  async providers(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => ProviderFilter, { nullable: true, description: 'Conditions the providers must meet.' }) filter: ProviderFilter | null,
    @Arg('orderBy', () => ProviderOrder, { nullable: true, description: 'Sort order; by name when omitted.' }) orderBy: ProviderOrder | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const withRegion = selectsPath(info, ['nodes', 'region']) || selectsPath(info, ['edges', 'node', 'region']);
    return toConnection(await service.listProviders(ctx, filter, orderBy, page, withRegion));
  }

  @Query(() => Provider, { nullable: true, description: describeOperation('The provider with this AGB code, or null.', 'reference.read') })
  provider(@Arg('agb', () => String, { description: 'AGB code (8 digits).' }) agb: string, @Ctx() ctx: RequestContext) {
    return service.providerByAgb(ctx, agb);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The ambulance region the provider is located in.' })
  region(@Root() provider: service.ProviderRow, @Ctx() ctx: RequestContext) {
    if (provider.regionRow !== undefined) return provider.regionRow;
    return provider.region ? regionById(ctx, provider.region.id) : null;
  }

  @Mutation(() => ProviderPayload, { description: describeOperation('Registers a care provider.', 'reference.write') })
  async providerCreate(@Arg('input', () => ProviderCreateInput, { description: 'The new provider.' }) input: ProviderCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createProvider(ctx, input);
    return { provider: result, userErrors };
  }

  @Mutation(() => ProviderPayload, { description: describeOperation('Changes a care provider.', 'reference.write') })
  async providerUpdate(@Arg('input', () => ProviderUpdateInput, { description: 'The changes.' }) input: ProviderUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateProvider(ctx, input);
    return { provider: result, userErrors };
  }
}
