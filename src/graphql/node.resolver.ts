import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { Node } from './node';
import { decodeGlobalId } from '../core/global-id';
import { describeOperation } from '../auth/access-policy';
import { nodeFetcher } from './node-registry';
import { badInput } from '../core/errors';
import { defineLoader } from '../core/loaders';

const MAX_NODES = 100;

/** Objects of one type by database id, batched per type; `loadNode` asks only for types that have a fetcher. */
const nodesOfType = defineLoader<number, object | null, string>('node', (ctx, ids, typeName) => nodeFetcher(typeName)!(ctx, ids));

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: describeOperation('The object with this global ID, or null when it does not exist or is not visible to you; the object is checked like any other read.', 'reference.read'),
  })
  node(@Arg('id', () => ID, { description: 'A global ID returned by this API.' }) id: string, @Ctx() ctx: RequestContext) {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: describeOperation('The objects with these global IDs, in the same order; null for each that does not exist or is not visible to you. At most 100.', 'reference.read'),
  })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs returned by this API (at most 100).' }) ids: string[], @Ctx() ctx: RequestContext) {
    if (ids.length > MAX_NODES) throw badInput(`nodes accepts at most ${MAX_NODES} ids; got ${ids.length}.`, { argument: 'ids' });
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}

/** Batches lookups per type through the owning feature's fetcher, which applies that feature's access checks. */
function loadNode(ctx: RequestContext, globalId: string): Promise<object | null> {
  const decoded = decodeGlobalId(globalId);
  const fetch = decoded && nodeFetcher(decoded.typeName);
  if (!decoded || !fetch) return Promise.resolve(null);
  return nodesOfType.of(ctx, decoded.typeName)
    .load(decoded.id);
}
