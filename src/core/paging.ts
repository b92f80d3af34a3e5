import { createHash } from 'node:crypto';
import { badInput } from './errors';
import type { QueryLimits } from '../config';

/** The direction of a list's order; graphql/connection.ts registers it as the GraphQL enum of the same name. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

/**
 * The paging arguments a list takes, as services see them; the GraphQL arguments (PageArgs) have this shape, and so
 * may a caller outside GraphQL.
 */
export interface PageQuery {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Paging arguments of a list that can also return only the items changed since an instant. */
export interface SyncPageQuery extends PageQuery {
  updatedSince?: Date | null;
}

/**
 * One page of a list: the items in list order, each with its cursor (a parallel array, so a caller may map the
 * items to other objects and keep their cursors).
 */
export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

export function emptyPage<T>(): Page<T> {
  return { items: [], cursors: [], hasNextPage: false, hasPreviousPage: false, totalCount: async () => 0 };
}

/** What the page arguments ask for: `limit` items forward after `cursor`, or backward before it. */
export interface PageRequest {
  limit: number;
  cursor: string | null;
  backward: boolean;
}

function checkSize(value: number, name: 'first' | 'last', limits: Pick<QueryLimits, 'maxPageSize'>): number {
  if (!Number.isInteger(value) || value < 0 || value > limits.maxPageSize) {
    throw badInput(`${name} must be between 0 and ${limits.maxPageSize}; got ${value}.`, { argument: name });
  }
  return value;
}

/** The page arguments checked: `first`/`after` page forward, `last`/`before` backward; mixing them is refused. */
export function pageRequest(args: PageQuery, limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'>): PageRequest {
  if (args.first != null && args.last != null) throw badInput('Pass first or last, not both.', { argument: 'last' });
  if (args.after != null && args.before != null) throw badInput('Pass after or before, not both.', { argument: 'before' });
  if (args.last != null && args.after != null) throw badInput('last pages backwards from before; use first with after.', { argument: 'after' });
  if (args.first != null && args.before != null) throw badInput('first pages forwards from after; use last with before.', { argument: 'before' });
  if (args.last != null || args.before != null) {
    return { limit: checkSize(args.last ?? limits.defaultPageSize, 'last', limits), cursor: args.before ?? null, backward: true };
  }
  return { limit: checkSize(args.first ?? limits.defaultPageSize, 'first', limits), cursor: args.after ?? null, backward: false };
}

/** `first` (or `last`), or the default page size, refusing a page above the cap. */
export function pageSize(args: PageQuery, limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'>): number {
  return pageRequest(args, limits).limit;
}

/**
 * Keyset cursors. A cursor is base64url of a JSON array: a short fingerprint of the list and its order, then the
 * item's sort key values, the id last. The next page starts strictly after those values in the list's order, so
 * rows written or deleted elsewhere in the list do not shift it, as they shift an offset. The values are those of
 * an item the viewer was shown; the list's access filter still applies to the next page. Clients treat cursors as
 * opaque.
 */
export type CursorValue = string | number | boolean | null;

const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(list: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([list, ...values]), 'utf8').toString('base64url');
}

export function invalidCursor(argument: string): Error {
  return badInput('The cursor is not valid: pass a cursor this API returned for this list and order.', { argument });
}

/** The values of a cursor issued for `list` (`size` of them), or a BAD_USER_INPUT error naming the argument. */
export function decodeCursor(cursor: string, list: string, size: number, argument: string): unknown[] {
  let raw = cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  // Only the canonical encoding: a trailing character the decoder would drop makes another cursor.
  if (Buffer.from(raw, 'utf8').toString('base64url') !== cursor) raw = '';
  if (/^o:\d{1,9}$/.test(raw) || /^k:\d{1,19}$/.test(raw)) {
    throw badInput('This cursor was issued by an earlier release (cursors changed with keyset paging): start again from the first page.', { argument });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidCursor(argument);
  }
  if (!Array.isArray(parsed) || parsed.length !== size + 1 || parsed[0] !== list) throw invalidCursor(argument);
  const values = parsed.slice(1);
  if (!values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
    throw invalidCursor(argument);
  }
  return values;
}

/** Fingerprint of a list and its order: a cursor of one list is refused by another. */
export function listKey(description: string): string {
  return createHash('sha256').update(description).digest('base64url').slice(0, 10);
}

/**
 * Keyset paging of a list computed and sorted in Node (alerts, dashboard rows): the whole list is built for each
 * request, sorted by a total order that ends in a unique id; the cursor holds the sort key of the item, and the
 * next page starts after the first item that sorts after that key. Rows added or removed elsewhere do not shift it.
 * `fromKey` rebuilds, from a cursor's values, an object `compare` can compare with items (null when the values
 * do not fit).
 */
export function pageSorted<T, K>(
  all: readonly T[],
  compare: (a: T | K, b: T | K) => number,
  key: { list: string; size: number; of: (item: T) => CursorValue[]; from: (values: unknown[]) => K | null },
  args: PageQuery,
  limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'>,
): Page<T> {
  const request = pageRequest(args, limits);
  const list = listKey(key.list);
  let start = 0;
  let end = all.length;
  if (request.cursor !== null) {
    const argument = request.backward ? 'before' : 'after';
    const at = key.from(decodeCursor(request.cursor, list, key.size, argument));
    if (at === null) throw invalidCursor(argument);
    if (request.backward) {
      end = 0;
      while (end < all.length && compare(all[end]!, at) < 0) end += 1;
    } else {
      while (start < all.length && compare(all[start]!, at) <= 0) start += 1;
    }
  }
  const from = request.backward ? Math.max(start, end - request.limit) : start;
  const to = request.backward ? end : Math.min(end, start + request.limit);
  const items = all.slice(from, to);
  let cursors: string[] | undefined;
  return {
    items,
    // Encoded when read: a query that selects neither edges nor pageInfo (a dashboard's rows) needs none.
    get cursors() {
      return (cursors ??= items.map((item) => encodeCursor(list, key.of(item))));
    },
    hasNextPage: request.backward ? request.cursor !== null && end < all.length : to < end,
    hasPreviousPage: request.backward ? from > start : request.cursor !== null && start > 0,
    totalCount: async () => all.length,
  };
}

/** The page with each item mapped; its cursors stay those of the items (encoded when read). */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return {
    items: page.items.map(map),
    get cursors() {
      return page.cursors;
    },
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    totalCount: page.totalCount,
  };
}

/** One sort key of a list held in memory: its value for an item, its type (checked in a cursor), its direction. */
export interface ListKey<T> {
  of: (item: T) => string | number | null;
  type: 'string' | 'number';
  desc?: boolean;
}

const collator = new Intl.Collator('nl');

/** The last key of most lists: the id, unique within any list. */
export const BY_ID: ListKey<{ id: number }> = { of: (item) => item.id, type: 'number' };

/**
 * Keyset paging of a short list loaded whole (a connection nested in an object: a provider's contracts, a
 * concern's insurers), which its loader fetches for every parent of a page in one statement. The list is sorted
 * here by `keys` (text by Dutch collation, NULLs last ascending), the last key unique within the list, and paged
 * with `pageSorted`: the cursor holds the key values, so inserts and deletes do not shift a page.
 */
export function pageList<T>(all: readonly T[], list: string, keys: ListKey<T>[], args: PageQuery, limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'>): Page<T> {
  type Keyed = { item: T | null; key: (string | number | null)[] };
  const compare = (a: Keyed, b: Keyed) => {
    for (let i = 0; i < keys.length; i += 1) {
      const [x, y] = [a.key[i] ?? null, b.key[i] ?? null];
      if (x === y) continue;
      let order: number;
      if (x === null || y === null) order = x === null ? 1 : -1;
      else order = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) || (x < y ? -1 : 1) : (x as number) - (y as number);
      if (order !== 0) return keys[i]!.desc ? -order : order;
    }
    return 0;
  };
  const keyed = all.map((item) => ({ item, key: keys.map((k) => k.of(item)) })).sort(compare);
  const page = pageSorted<Keyed, Keyed>(
    keyed,
    compare,
    {
      list: `${list}|${keys.map((k) => `${k.type}${k.desc ? ' desc' : ''}`).join(',')}`,
      size: keys.length,
      of: (k) => k.key,
      from: (values) => (values.every((v, i) => v === null || typeof v === keys[i]!.type) ? { item: null, key: values as (string | number | null)[] } : null),
    },
    args,
    limits,
  );
  return mapPage(page, (k) => k.item!);
}
