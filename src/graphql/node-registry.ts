import type { RequestContext } from '../core/context';

/** Loads objects of one type by database id, applying the same access checks as every other read. */
export type NodeFetcher = (ctx: RequestContext, ids: readonly number[]) => Promise<(object | null)[]>;

const fetchers = new Map<string, NodeFetcher>();

/** Each feature registers the types it owns, so `node`/`nodes` reach them through the feature's service. */
export function registerNodeType(typeName: string, fetch: NodeFetcher): void {
  fetchers.set(typeName, fetch);
}

export function nodeFetcher(typeName: string): NodeFetcher | undefined {
  return fetchers.get(typeName);
}
