import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { BY_ID, pageList } from '../core/paging';
import { PageArgs, SyncPageArgs, replacedBy, toConnection } from '../graphql/connection';
import { describeOperation } from '../auth/access-policy';
import { registerNodeType } from '../graphql/node-registry';
import { registerJsonRoot, registerJsonType } from '../graphql/json-read';
import { Insurer } from './insurer.entity';
import { Concern } from './concern.entity';
import * as service from './insurer.service';
import type { Row } from '../db/find-page';
import {
  ConcernCreateInput,
  ConcernFilter,
  ConcernOrder,
  ConcernUpdateInput,
  InsurerCreateInput,
  InsurerFilter,
  InsurerOrder,
  InsurerUpdateInput,
} from './insurer.inputs';
import { ConcernConnection, ConcernPayload, InsurerConnection, InsurerPayload } from './insurer.payloads';

registerNodeType('Insurer', service.insurersByIds);
registerNodeType('Concern', service.concernsByIds);

// Reads compiled to one statement per root field (graphql/json-read.ts): public to every principal.
registerJsonType('Insurer', { table: 'insurer', columns: { uzovi: 'uzovi', name: 'name' }, relations: { concern: { kind: 'one', type: 'Concern', column: 'concern_id' } } });
registerJsonType('Concern', {
  table: 'concern',
  columns: { code: 'code', name: 'name' },
  relations: { insurers: { kind: 'many', type: 'Insurer', column: 'concern_id', order: ['name asc', 'id asc'] } },
});
registerJsonRoot('insurers', { type: 'Insurer', entity: Insurer, query: (ctx, args) => service.insurerList(ctx, args.filter as InsurerFilter, args.orderBy as InsurerOrder) });
registerJsonRoot('concerns', { type: 'Concern', entity: Concern, query: (ctx, args) => service.concernList(ctx, args.filter as ConcernFilter, args.orderBy as ConcernOrder) });

@Resolver(() => Insurer)
export class InsurerResolver {
  @Query(() => InsurerConnection, { description: describeOperation('Insurers, filtered and ordered.', 'reference.read') })
  async insurers(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => InsurerFilter, { nullable: true, description: 'Conditions the insurers must meet.' }) filter: InsurerFilter | null,
    @Arg('orderBy', () => InsurerOrder, { nullable: true, description: 'Sort order; by name when omitted.' }) orderBy: InsurerOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listInsurers(ctx, filter, orderBy, page));
  }

  @Query(() => Insurer, { nullable: true, description: describeOperation('The insurer with this UZOVI code, or null.', 'reference.read') })
  insurer(@Arg('uzovi', () => String, { description: 'UZOVI code (4 digits).' }) uzovi: string, @Ctx() ctx: RequestContext) {
    return service.insurerByUzovi(ctx, uzovi);
  }

  @FieldResolver(() => Concern, { description: 'The concern (group) the insurer belongs to.' })
  concern(@Root() insurer: Row<Insurer>, @Ctx() ctx: RequestContext) {
    return service.concernById(ctx, insurer.concern.id);
  }

  @Mutation(() => InsurerPayload, { description: describeOperation('Registers an insurer.', 'reference.write') })
  async insurerCreate(@Arg('input', () => InsurerCreateInput, { description: 'The new insurer.' }) input: InsurerCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createInsurer(ctx, input);
    return { insurer: result, userErrors };
  }

  @Mutation(() => InsurerPayload, { description: describeOperation('Changes an insurer.', 'reference.write') })
  async insurerUpdate(@Arg('input', () => InsurerUpdateInput, { description: 'The changes.' }) input: InsurerUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateInsurer(ctx, input);
    return { insurer: result, userErrors };
  }
}

@Resolver(() => Concern)
export class ConcernResolver {
  @Query(() => ConcernConnection, { description: describeOperation('Concerns (groups of insurers), filtered and ordered.', 'reference.read') })
  async concerns(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => ConcernFilter, { nullable: true, description: 'Conditions the concerns must meet.' }) filter: ConcernFilter | null,
    @Arg('orderBy', () => ConcernOrder, { nullable: true, description: 'Sort order; by name when omitted.' }) orderBy: ConcernOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listConcerns(ctx, filter, orderBy, page));
  }

  @Query(() => Concern, { nullable: true, description: describeOperation('The concern with this code, or null.', 'reference.read') })
  concern(@Arg('code', () => String, { description: 'Concern code, e.g. "ACHMEA".' }) code: string, @Ctx() ctx: RequestContext) {
    return service.concernByCode(ctx, code);
  }

  @FieldResolver(() => [Insurer], { description: 'The insurers of this concern, by name.', deprecationReason: replacedBy('insurersConnection') })
  insurers(@Root() concern: Row<Concern>, @Ctx() ctx: RequestContext) {
    return service.insurersOfConcern(ctx, concern.id);
  }

  @FieldResolver(() => InsurerConnection, { description: 'The insurers of this concern, by name.' })
  async insurersConnection(@Root() concern: Row<Concern>, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const all = await service.insurersOfConcern(ctx, concern.id);
    return toConnection(pageList(all, 'Concern.insurers', [{ of: (i) => i.name, type: 'string' }, BY_ID], page, ctx.config.limits));
  }

  @Mutation(() => ConcernPayload, { description: describeOperation('Registers a concern.', 'reference.write') })
  async concernCreate(@Arg('input', () => ConcernCreateInput, { description: 'The new concern.' }) input: ConcernCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createConcern(ctx, input);
    return { concern: result, userErrors };
  }

  @Mutation(() => ConcernPayload, { description: describeOperation('Renames a concern.', 'reference.write') })
  async concernUpdate(@Arg('input', () => ConcernUpdateInput, { description: 'The changes.' }) input: ConcernUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateConcern(ctx, input);
    return { concern: result, userErrors };
  }
}
