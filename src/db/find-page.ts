import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { RequestContext } from '../graphql/context';
import { PageArgs, Page, pageWindow, OrderDirection } from '../graphql/connection';

/**
 * One page of a filtered, ordered list: one statement for the rows (one extra row tells whether more follow)
 * and, only when the client asks for `totalCount`, one for the count. The primary key breaks ties so pages
 * never overlap.
 */
export async function findPage<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  page: PageArgs,
): Promise<Page<T>> {
  const { limit, offset } = pageWindow(page, ctx.config.limits);
  const order = orderBy.some((o) => 'id' in o) ? orderBy : [...orderBy, { id: 'asc' } as QueryOrderMap<T>];
  const rows = limit === 0 ? [] : await ctx.em.find(entity, where, { orderBy: order, limit: limit + 1, offset });
  let count: Promise<number> | undefined;
  return {
    items: rows.slice(0, limit),
    offset,
    hasNextPage: limit === 0 ? false : rows.length > limit,
    totalCount: () => (count ??= ctx.em.count(entity, where)),
  };
}

export const dir = (d: OrderDirection | null | undefined): 'asc' | 'desc' => (d === OrderDirection.DESC ? 'desc' : 'asc');

/** Escapes LIKE wildcards so a search for "50%" matches the text, not everything. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows by primary key in the order asked, null where none exists: the shape `node`/`nodes` and DataLoader need. */
export async function findByIds<T extends { id: number }>(
  ctx: RequestContext,
  entity: EntityName<T>,
  ids: readonly number[],
): Promise<(T | null)[]> {
  const rows = await ctx.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
