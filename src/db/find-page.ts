import { raw, Reference, ReferenceKind } from '@mikro-orm/core';
import type { Dictionary, EntityMetadata, EntityName, EntityProperty, FilterQuery, QueryOrderMap, Ref } from '@mikro-orm/core';
import { encodeGlobalId } from '../core/global-id';
import type { RequestContext } from '../core/context';
import { syncHorizon } from './sync';
import { CursorValue, PageQuery, SyncPageQuery, Page, PageRequest, OrderDirection, decodeCursor, encodeCursor, invalidCursor, listKey, pageRequest } from '../core/paging';

/** One key of a list's order: a property path (`['region', 'code']` for a relation's column) and a direction. */
interface SortKey {
  path: string[];
  dir: 'asc' | 'desc';
  /** The property at the end of the path (a relation itself when ordering by its key). */
  prop: EntityProperty;
}

/** A list's order as keys, the primary key appended as the last tie-breaker, and its cursor fingerprint. */
interface KeysetOrder {
  keys: SortKey[];
  list: string;
  orderBy: QueryOrderMap<object>[];
}

const orders = new WeakMap<EntityMetadata, Map<string, KeysetOrder>>();

function keysetOrder(meta: EntityMetadata, orderBy: readonly QueryOrderMap<object>[]): KeysetOrder {
  const id = JSON.stringify(orderBy);
  let byOrder = orders.get(meta);
  if (!byOrder) orders.set(meta, (byOrder = new Map()));
  const known = byOrder.get(id);
  if (known) return known;
  const keys: SortKey[] = [];
  const flatten = (m: EntityMetadata, path: string[], entry: Dictionary) => {
    for (const [name, value] of Object.entries(entry)) {
      const prop = m.properties[name];
      if (!prop) throw new Error(`order by unknown property ${m.className}.${name}`);
      if (typeof value === 'object' && value !== null) flatten(prop.targetMeta!, [...path, name], value as Dictionary);
      else keys.push({ path: [...path, name], dir: String(value).toLowerCase().startsWith('desc') ? 'desc' : 'asc', prop });
    }
  };
  for (const entry of orderBy) flatten(meta, [], entry as Dictionary);
  const pk = meta.primaryKeys[0]!;
  if (!keys.some((k) => k.path.length === 1 && k.path[0] === pk)) keys.push({ path: [pk], dir: 'asc', prop: meta.properties[pk]! });
  if (keys.some((k) => k.path.length > 2)) throw new Error(`order by a path deeper than one relation in ${meta.className}`);
  const order: KeysetOrder = {
    keys,
    list: listKey(`${meta.className}|${keys.map((k) => `${k.path.join('.')} ${k.dir}`).join(',')}`),
    orderBy: keys.map((k) => nest(k.path, k.dir) as QueryOrderMap<object>),
  };
  byOrder.set(id, order);
  return order;
}

function nest(path: readonly string[], leaf: unknown): Dictionary {
  return path.reduceRight<unknown>((inner, name) => ({ [name]: inner }), leaf) as Dictionary;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,20}(\.\d{1,12})?$/;
const INTEGER_TEXT = /^-?\d{1,19}$/;

/**
 * A cursor value checked against the property it stands for, so a tampered cursor is refused with BAD_USER_INPUT
 * and never reaches PostgreSQL as a value of the wrong type (which would fail as a 500).
 */
function checkedValue(prop: EntityProperty, value: unknown): unknown {
  if (value === null) return prop.nullable ? null : undefined;
  if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
    return Number.isSafeInteger(value) ? value : undefined;
  }
  if (prop.enum && prop.items?.length) return prop.items.includes(value as string) ? value : undefined;
  const column = (prop.columnTypes?.[0] ?? '').toLowerCase();
  switch (prop.runtimeType) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && (!/int/.test(column) || Number.isSafeInteger(value)) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Date':
      return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;
    default: {
      if (typeof value !== 'string' || value.length > 1000 || value.includes('\u0000')) return undefined;
      if (column === 'date') return DATE_ONLY.test(value) ? value : undefined;
      if (/numeric|decimal/.test(column)) return DECIMAL.test(value) ? value : undefined;
      if (/bigint|int8/.test(column)) return INTEGER_TEXT.test(value) ? value : undefined;
      return value;
    }
  }
}

function toCursorValue(value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const entity = Reference.unwrapReference(value as object) as { id?: unknown };
    return toCursorValue(entity.id);
  }
  return value as CursorValue;
}

/** The sort key values of an entity (relations along the path are loaded with the page). */
function entityValues(order: KeysetOrder, item: object): CursorValue[] {
  return order.keys.map((k) => {
    let value: unknown = item;
    for (const name of k.path) {
      value = value == null ? null : (Reference.unwrapReference(value as object) as Dictionary)[name];
    }
    return toCursorValue(value);
  });
}

/** The sort key values of a row: its own columns, a relation's column from the `__k<i>` column read with it. */
function rowValues(order: KeysetOrder, row: Dictionary): CursorValue[] {
  return order.keys.map((k, i) => toCursorValue(k.path.length === 1 ? row[k.path[0]!] : row[`__k${i}`]));
}

/**
 * The keyset condition: rows strictly after `values` in the order (or before it, going backward), with NULLs where
 * PostgreSQL sorts them (last ascending, first descending). Written as an OR of "equal on the keys before, after on
 * this one", since the keys may have mixed directions; every value is a bound parameter.
 */
function keysetWhere(order: KeysetOrder, values: readonly unknown[], backward: boolean): Dictionary {
  const branches: Dictionary[] = [];
  order.keys.forEach((key, i) => {
    const v = values[i];
    const ascending = (key.dir === 'asc') !== backward;
    let beyond: Dictionary | null;
    if (v === null) beyond = ascending ? null : nest(key.path, { $ne: null });
    else if (ascending) beyond = key.prop.nullable ? { $or: [nest(key.path, { $gt: v }), nest(key.path, null)] } : nest(key.path, { $gt: v });
    else beyond = nest(key.path, { $lt: v });
    if (beyond === null) return;
    const equal = order.keys.slice(0, i).map((k, j) => nest(k.path, values[j] === null ? null : { $eq: values[j] }));
    branches.push({ $and: [...equal, beyond] });
  });
  return branches.length === 0 ? { [order.keys[order.keys.length - 1]!.path[0]!]: { $in: [] } } : { $or: branches };
}

function reversed(order: KeysetOrder): QueryOrderMap<object>[] {
  return order.keys.map((k) => nest(k.path, k.dir === 'asc' ? 'desc' : 'asc') as QueryOrderMap<object>);
}

/** The decoded cursor of a request, checked against the list's keys. */
function cursorValues(order: KeysetOrder, request: PageRequest): unknown[] | null {
  if (request.cursor === null) return null;
  const argument = request.backward ? 'before' : 'after';
  const values = decodeCursor(request.cursor, order.list, order.keys.length, argument).map((v, i) => checkedValue(order.keys[i]!.prop, v));
  if (values.some((v) => v === undefined)) throw invalidCursor(argument);
  return values;
}

/**
 * Runs one page's statement: `limit + 1` rows after (or before) the cursor, then trims and, going backward, turns
 * the page back into list order. `hasPreviousPage` going forward (and `hasNextPage` going backward) says whether a
 * cursor was given: the rows on its other side existed when it was issued (the Relay rule; it costs no statement).
 */
async function keysetPage<T, W>(
  request: PageRequest,
  order: KeysetOrder,
  where: W,
  fetch: (where: W | { $and: [W, Dictionary] }, orderBy: QueryOrderMap<object>[], limit: number) => Promise<T[]>,
  valuesOf: (item: T) => CursorValue[],
  count: () => Promise<number>,
): Promise<Page<T>> {
  const values = cursorValues(order, request);
  const condition = values === null ? where : { $and: [where, keysetWhere(order, values, request.backward)] as [W, Dictionary] };
  const rows = request.limit === 0 ? [] : await fetch(condition, request.backward ? reversed(order) : order.orderBy, request.limit + 1);
  const more = rows.length > request.limit;
  const items = rows.slice(0, request.limit);
  if (request.backward) items.reverse();
  let counted: Promise<number> | undefined;
  return {
    items,
    cursors: items.map((item) => encodeCursor(order.list, valuesOf(item))),
    hasNextPage: request.backward ? values !== null : more,
    hasPreviousPage: request.backward ? more : values !== null,
    totalCount: () => (counted ??= count()),
  };
}

/**
 * With `updatedSince`: only rows changed at or after it and before the sync horizon (`syncHorizon`), oldest change
 * first, so a client resumes from the last `updatedAt` it read; the access filter in `where` still applies.
 */
async function changesSince<T>(ctx: RequestContext, where: FilterQuery<T>, orderBy: QueryOrderMap<T>[], page: PageQuery) {
  const since = (page as SyncPageQuery).updatedSince;
  if (since == null) return { where, orderBy };
  const horizon = await syncHorizon(ctx);
  return {
    where: { $and: [where, { updatedAt: { $gte: since, $lt: horizon } }] } as unknown as FilterQuery<T>,
    orderBy: [{ updatedAt: 'asc' }] as unknown as QueryOrderMap<T>[],
  };
}

/**
 * One page of a filtered, ordered list, keyset-paged (see `keysetPage`): one statement for the rows (one extra row
 * tells whether more follow) and, only when the client asks for `totalCount`, one for the count. The primary key
 * breaks ties. Relations named in the order are loaded with the rows (joined, the same statement).
 */
export async function findPage<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  page: PageQuery,
  options: { populate?: string[] } = {},
): Promise<Page<T>> {
  const request = pageRequest(page, ctx.config.limits);
  if ((page as SyncPageQuery).updatedSince != null) ({ where, orderBy } = await changesSince(ctx, where, orderBy, page));
  const order = keysetOrder(ctx.em.getMetadata().get(entity), orderBy as QueryOrderMap<object>[]);
  const populate = [...new Set([...(options.populate ?? []), ...order.keys.filter((k) => k.path.length > 1).map((k) => k.path[0]!)])];
  return keysetPage(
    request,
    order,
    where,
    (condition, sort, limit) =>
      ctx.em.find(entity, condition as FilterQuery<T>, {
        orderBy: sort as QueryOrderMap<T>[],
        limit,
        ...(populate.length > 0 ? { populate: populate as never, strategy: 'joined' as const } : {}),
      }),
    (item) => entityValues(order, item),
    () => ctx.em.count(entity, where),
  );
}

/** A keyset page for a statement built elsewhere (graphql/json-read.ts builds the page's JSON in PostgreSQL). */
export interface KeysetPlan<T> {
  request: PageRequest;
  /** The list's filter and, after a cursor, the keyset condition. */
  where: FilterQuery<T>;
  /** The order to fetch `request.limit + 1` rows in (reversed going backward). */
  orderBy: QueryOrderMap<T>[];
  /** The list's order as the rows' own columns, the id last: the values a cursor holds. */
  keys: { column: string; dir: 'asc' | 'desc' }[];
  /** The cursor of a row from its key values (read from `keys`, in that order). */
  cursor: (values: CursorValue[]) => string;
  /** Whether a cursor was given (`hasPreviousPage` going forward, as `keysetPage` says it). */
  fromCursor: boolean;
}

/**
 * The plan of the page `findRowPage` would read, for a caller that builds the statement itself, or null when the
 * order's values could not be read back as the ordinary path reads them (a relation's column, a date, a decimal)
 * or the read is an `updatedSince` one: then the caller uses `findRowPage`. The cursors are the same.
 */
export function keysetPlan<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  page: PageQuery,
): KeysetPlan<T> | null {
  if ((page as SyncPageQuery).updatedSince != null) return null;
  const request = pageRequest(page, ctx.config.limits);
  const order = keysetOrder(ctx.em.getMetadata().get(entity), orderBy as QueryOrderMap<object>[]);
  const plain = (prop: EntityProperty) =>
    prop.kind === ReferenceKind.SCALAR &&
    prop.fieldNames?.length === 1 &&
    (Boolean(prop.enum) || /^(text|varchar|character varying|int|integer|int4|serial)(\(\d+\))?$/i.test(prop.columnTypes?.[0] ?? ''));
  if (order.keys.some((k) => k.path.length > 1 || !plain(k.prop))) return null;
  const values = cursorValues(order, request);
  return {
    request,
    where: (values === null ? where : { $and: [where, keysetWhere(order, values, request.backward)] }) as FilterQuery<T>,
    orderBy: (request.backward ? reversed(order) : order.orderBy) as QueryOrderMap<T>[],
    keys: order.keys.map((k) => ({ column: k.prop.fieldNames[0]!, dir: k.dir })),
    cursor: (keyValues) => encodeCursor(order.list, keyValues),
    fromCursor: values !== null,
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
  page: PageQuery,
): Promise<Page<Row<T>>> {
  const request = pageRequest(page, ctx.config.limits);
  if ((page as SyncPageQuery).updatedSince != null) ({ where, orderBy } = await changesSince(ctx, where, orderBy, page));
  const meta = ctx.em.getMetadata().get(entity);
  const order = keysetOrder(meta, orderBy as QueryOrderMap<object>[]);
  return keysetPage(
    request,
    order,
    where,
    async (condition, sort, limit) => {
      const qb = rowQuery(ctx, entity, condition as FilterQuery<T>, sort as QueryOrderMap<T>[]).limit(limit);
      // A relation's column in the order is read beside the row (a correlated subquery on its primary key), for the cursor.
      order.keys.forEach((k, i) => {
        if (k.path.length === 1) return;
        const relation = meta.properties[k.path[0] as keyof typeof meta.properties] as EntityProperty;
        const target = relation.targetMeta!;
        qb.addSelect(
          raw(`(select k.${quoted(k.prop.fieldNames[0]!)} from ${quoted(target.tableName)} k where k.${quoted(target.getPrimaryProps()[0]!.fieldNames[0]!)} = e0.${quoted(relation.fieldNames[0]!)}) as ${quoted(`__k${i}`)}`),
        );
      });
      const mapped = (await qb.execute('all', true)) as Dictionary[];
      return toRows<T>(meta, mapped) as unknown as Dictionary[];
    },
    (row) => {
      const values = rowValues(order, row);
      order.keys.forEach((k, i) => {
        if (k.path.length > 1) delete row[`__k${i}`];
      });
      return values;
    },
    () => ctx.em.count(entity, where),
  ) as unknown as Promise<Page<Row<T>>>;
}

/** A SQL identifier from the ORM's metadata (never client input), quoted. */
function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
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
