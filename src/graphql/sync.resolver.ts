import { Arg, Args, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { visit, type DocumentNode } from 'graphql';
import type { RequestContext } from '../core/context';
import { PageArgs, connectionType, toConnection } from './connection';
import { encodeGlobalId } from '../core/global-id';
import { authorize, describeOperation } from '../auth/access-policy';
import { Deletion } from '../db/deletion.entity';
import { findRowPage } from '../db/find-page';
import { syncHorizon } from '../db/sync';

@ObjectType('Deletion', { description: 'An object that was deleted: what a client that keeps a copy removes.' })
export class DeletionItem {
  @Field(() => String, { description: 'The type of the deleted object (a Node type name).' })
  type!: string;

  @Field(() => ID, { description: 'The global ID the object had.' })
  id!: string;

  @Field(() => Date, { description: 'When it was deleted.' })
  deletedAt!: Date;
}

export const DeletionConnection = connectionType(DeletionItem, 'Deletion', 'deletion');

/**
 * The types every authenticated principal may read every row of (`reference.read`): their deletions are listed to
 * everyone. Deletions of the other types are recorded but listed to no one: whether a viewer could read a row
 * depends on contracts, agreements and market shares as they were before the deletion, which the feed cannot judge
 * afterwards without telling a viewer of rows it never saw.
 */
export const PUBLIC_DELETION_TYPES = ['Concern', 'Insurer', 'Region', 'MarketShare', 'Segment', 'Provider', 'PurchasingPolicy', 'PolicyMilestone', 'RepresentationAgreement'];

@Resolver()
export class SyncResolver {
  @Query(() => DeletionConnection, {
    description: describeOperation(`Objects deleted at or after \`since\`, oldest first: the tombstones of incremental sync (see README, Incremental sync). Lists deletions of reference data (${PUBLIC_DELETION_TYPES.join(', ')}) only.`, 'reference.read'),
  })
  async deletions(
    @Arg('since', () => Date, { description: 'Deletions at or after this instant (the high-water mark of the previous sync).' }) since: Date,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    authorize(ctx, 'reference.read');
    const horizon = await syncHorizon(ctx);
    const result = await findRowPage(ctx, Deletion, { typeName: { $in: PUBLIC_DELETION_TYPES }, deletedAt: { $gte: since, $lt: horizon } }, [{ deletedAt: 'asc' }], page);
    return toConnection({
      ...result,
      items: result.items.map((row) => ({ type: row.typeName, id: encodeGlobalId(row.typeName, Number(row.objectId)), deletedAt: new Date(row.deletedAt) })),
    });
  }
}

/** Whether an operation reads changes (`updatedSince`, `deletions`): such reads go to the primary, see `syncHorizon`. */
export function readsChanges(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'updatedSince') found = true;
    },
    Field(node) {
      if (node.name.value === 'deletions') found = true;
    },
  });
  return found;
}
