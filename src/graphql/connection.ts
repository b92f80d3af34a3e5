import { ArgsType, ClassType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { badInput } from './errors';
import type { QueryLimits } from '../config';

@ObjectType('PageInfo', { description: 'Where a page of a connection stands in the whole list.' })
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

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending: A to Z, old to new.' }, DESC: { description: 'Descending: Z to A, new to old.' } },
});

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return, at most 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;
}

/** Cursor-paginated list shape shared by every list query (Relay connections). */
export interface Page<T> {
  items: T[];
  offset: number;
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A getter: the count query runs only when the client asks for it, which saves a statement. */
  readonly totalCount: Promise<number>;
}

/** Offset cursors: reference lists are small and ordered on indexed columns, so an offset stays cheap. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const raw = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^o:(\d{1,9})$/.exec(raw);
  if (!match) throw badInput('The cursor is not valid: pass a cursor this API returned.', { argument: 'after' });
  return Number(match[1]);
}

/** `first`, or the default page size, refusing a page above the cap. */
export function pageSize(args: PageArgs, limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'>): number {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxPageSize) {
    throw badInput(`first must be between 0 and ${limits.maxPageSize}; got ${args.first}.`, { argument: 'first' });
  }
  return first;
}

/** Turns `first`/`after` into limit and offset, refusing a page above the cap. */
export function pageWindow(args: PageArgs, limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'>) {
  const limit = pageSize(args, limits);
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { limit, offset };
}

/**
 * Keyset cursors: the sort key of an item (a whole number, such as a bigint id). The next page starts after that
 * key, so rows written or deleted before it do not shift the page, as they shift an offset.
 */
export function encodeKeysetCursor(key: string | number): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeKeysetCursor(cursor: string): string {
  const raw = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^k:(\d{1,19})$/.exec(raw);
  if (!match) throw badInput('The cursor is not valid: pass a cursor this API returned for this list.', { argument: 'after' });
  return match[1]!;
}

/** A page of a keyset-paged list: each item carries its own cursor. */
export interface KeysetPage<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf: (item: T) => string;
  totalCount: () => Promise<number>;
}

export function toKeysetConnection<T>(page: KeysetPage<T>): ConnectionShape<T> {
  const edges = page.items.map((node) => ({ node, cursor: page.cursorOf(node) }));
  return {
    edges,
    nodes: page.items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return page.totalCount();
    },
  };
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const edges = page.items.map((node, i) => ({ node, cursor: encodeCursor(page.offset + i) }));
  return {
    edges,
    nodes: page.items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** Builds `<Name>Connection` and `<Name>Edge` for a node type. */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a list, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;

    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after`.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items.` })
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
