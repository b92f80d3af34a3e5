import { ReferenceKind } from '@mikro-orm/core';
import type { Dictionary, EntityMetadata, EntityName, FilterQuery, QueryOrderMap, Ref } from '@mikro-orm/core';
import { encodeGlobalId } from '../graphql/node';
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

/**
 * What a read returns instead of a managed entity: the entity's columns as plain data, each relation to one as
 * `{ id }` (so `row.region?.id` reads the same on a row and on an entity), and `globalId` and `__typename` as values.
 * Nothing enters the identity map: no entity is created, tracked or hydrated, which was most of a read's CPU.
 */
export type Row<T> = { [K in keyof T]: NonNullable<T[K]> extends Ref<object> ? (null extends T[K] ? { id: number } | null : { id: number }) : T[K] };

interface RowShape {
  typeName: string;
  /** Properties holding the key of a many-to-one (or owning one-to-one) relation. */
  references: string[];
}

const shapes = new WeakMap<EntityMetadata, RowShape>();

function shapeOf(meta: EntityMetadata): RowShape {
  let shape = shapes.get(meta);
  if (!shape) {
    const references = meta.props.filter((p) => p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)).map((p) => p.name);
    shape = { typeName: meta.className, references };
    shapes.set(meta, shape);
  }
  return shape;
}

/** Column values mapped to property names by MikroORM (`qb.execute('all', true)`), turned into rows. */
function toRows<T>(meta: EntityMetadata, mapped: Dictionary[]): Row<T>[] {
  const { typeName, references } = shapeOf(meta);
  for (const row of mapped) {
    for (const name of references) {
      const key = row[name];
      row[name] = key == null ? null : { id: key };
    }
    row.__typename = typeName;
    row.globalId = encodeGlobalId(typeName, row.id);
  }
  return mapped as Row<T>[];
}

function rowQuery<T extends object>(ctx: RequestContext, entity: EntityName<T>, where: FilterQuery<T>, orderBy: QueryOrderMap<T>[]) {
  // Filters and orders on a relation's columns (`region: { code }`) join it; only the entity's own columns are read.
  return ctx.em.createQueryBuilder(entity, 'e0').select('e0.*').where(where).orderBy(orderBy);
}

/** `findPage` for reads: the same page, statement and count, as rows. */
export async function findRowPage<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  page: PageArgs,
): Promise<Page<Row<T>>> {
  const { limit, offset } = pageWindow(page, ctx.config.limits);
  const order = orderBy.some((o) => 'id' in o) ? orderBy : [...orderBy, { id: 'asc' } as QueryOrderMap<T>];
  const meta = ctx.em.getMetadata().get(entity);
  const rows = limit === 0 ? [] : toRows<T>(meta, await rowQuery(ctx, entity, where, order).limit(limit + 1).offset(offset).execute('all', true));
  let count: Promise<number> | undefined;
  return {
    items: rows.slice(0, limit),
    offset,
    hasNextPage: limit === 0 ? false : rows.length > limit,
    totalCount: () => (count ??= ctx.em.count(entity, where)),
  };
}

/** Every row that meets `where`, in order, as rows. */
export async function findRows<T extends object>(ctx: RequestContext, entity: EntityName<T>, where: FilterQuery<T>, orderBy: QueryOrderMap<T>[]): Promise<Row<T>[]> {
  return toRows<T>(ctx.em.getMetadata().get(entity), await rowQuery(ctx, entity, where, orderBy).execute('all', true));
}

/** `findByIds` for reads: rows by primary key in the order asked, null where none exists. */
export async function findRowsByIds<T extends { id: number }>(ctx: RequestContext, entity: EntityName<T>, ids: readonly number[]): Promise<(Row<T> | null)[]> {
  const rows = await findRows(ctx, entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>, []);
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
