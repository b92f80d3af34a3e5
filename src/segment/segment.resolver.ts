import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { describeOperation } from '../auth/access-policy';
import { SyncPageArgs, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { Segment } from './segment.entity';
import * as service from './segment.service';
import { SegmentConnection, SegmentPayload } from './segment.payloads';
import { SegmentCreateInput, SegmentFilter, SegmentOrder, SegmentUpdateInput } from './segment.inputs';

registerNodeType('Segment', service.segmentsByIds);

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => SegmentConnection, { description: describeOperation('Care segments, filtered and ordered.', 'reference.read') })
  async segments(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => SegmentFilter, { nullable: true, description: 'Conditions the segments must meet.' }) filter: SegmentFilter | null,
    @Arg('orderBy', () => SegmentOrder, { nullable: true, description: 'Sort order; by code when omitted.' }) orderBy: SegmentOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listSegments(ctx, filter, orderBy, page));
  }

  @Query(() => Segment, { nullable: true, description: describeOperation('The segment with this code, or null.', 'reference.read') })
  segment(@Arg('code', () => String, { description: 'Segment code, e.g. "AMBULANCE".' }) code: string, @Ctx() ctx: RequestContext) {
    return service.segmentByCode(ctx, code);
  }

  @Mutation(() => SegmentPayload, { description: describeOperation('Adds a care segment.', 'reference.write') })
  async segmentCreate(@Arg('input', () => SegmentCreateInput, { description: 'The new segment.' }) input: SegmentCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createSegment(ctx, input);
    return { segment: result, userErrors };
  }

  @Mutation(() => SegmentPayload, { description: describeOperation('Changes a care segment.', 'reference.write') })
  async segmentUpdate(@Arg('input', () => SegmentUpdateInput, { description: 'The changes.' }) input: SegmentUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateSegment(ctx, input);
    return { segment: result, userErrors };
  }
}
