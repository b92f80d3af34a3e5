import type { RequestContext } from '../core/context';
import { findByIds } from '../db/find-page';

/** Reference objects by id, batched per response (they are readable by everyone). */
export function byId<T extends { id: number }>(ctx: RequestContext, entity: new () => T, name: string, id: number | null): Promise<T | null> {
  if (id === null) return Promise.resolve(null);
  return ctx.loaders.get<number, T | null>(`monitoring.${name}`, (ids) => findByIds(ctx, entity, ids)).load(id);
}
