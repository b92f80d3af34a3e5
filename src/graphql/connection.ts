import { ArgsType, ClassType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrderDirection, Page, PageQuery, SyncPageQuery } from '../core/paging';

// Plain properties throughout (as the edges and connections below): graphql-js reads them without a wrapper per field.
@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page of a connection stands in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow after `endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede `startCursor`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after`.' })
  endCursor!: string | null;
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending: A to Z, old to new.' }, DESC: { description: 'Descending: Z to A, new to old.' } },
});

@ArgsType()
export class PageArgs implements PageQuery {
  @Field(() => Int, { nullable: true, description: 'How many items to return from the start (or after `after`), at most 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (with `first`).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many items to return from the end (or before `before`), at most 100; the page keeps the list order.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items before this cursor (with `last`).' })
  before?: string | null;
}

@ArgsType()
export class SyncPageArgs extends PageArgs implements SyncPageQuery {
  @Field(() => Date, {
    nullable: true,
    description:
      'Only items changed (`updatedAt`) at or after this instant, oldest change first (the order argument is ignored); items of transactions still running are held back until they commit, so resuming from the last `updatedAt` received misses nothing. See README, Incremental sync.',
  })
  updatedSince?: Date | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A getter: the count query runs only when the client asks for it, which saves a statement. */
  readonly totalCount: Promise<number>;
}

/** The deprecation reason of a plain list that has a connection beside it. */
export function replacedBy(connectionField: string): string {
  return `Use ${connectionField} (a paged connection with keyset cursors); this list is removed in the next release.`;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  // Edges and cursors are built when the query selects them, once.
  let edges: { node: T; cursor: string }[] | undefined;
  const edgesOf = () => (edges ??= page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })));
  return {
    get edges() {
      return edgesOf();
    },
    nodes: page.items,
    get pageInfo() {
      const all = edgesOf();
      return {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: all[0]?.cursor ?? null,
        endCursor: all[all.length - 1]?.cursor ?? null,
      };
    },
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** Builds `<Name>Connection` and `<Name>Edge` for a node type. */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a list, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;

    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after` (or `before`).' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what} items.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list, across all pages.' })
    readonly totalCount!: Promise<number>;
  }
  return Connection;
}

/** Builds `<Name>Order`: the field to sort a list by (an enum of the feature) and the direction. */
export function orderInputType<E extends Record<string, string>>(name: string, fieldEnum: E, what: string) {
  @InputType(`${name}Order`, { description: `Sort order of ${what}.` })
  class Order {
    @Field(() => fieldEnum, { description: 'The field to sort by.' })
    field!: E[keyof E];

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction.' })
    direction!: OrderDirection;
  }
  return Order;
}
