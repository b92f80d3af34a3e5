import DataLoader from 'dataloader';
import type { RequestContext } from './context';

/** Loads the values of `keys` in one go, in the order of `keys`; `params` are those the loader was asked for. */
export type BatchFn<K, V, P> = (ctx: RequestContext, keys: readonly K[], params: P) => Promise<readonly (V | Error)[]>;

/**
 * A batched loader declared once, by a feature's `<feature>.loaders.ts`: its name, its batch function and, when its
 * keys are objects, how they are cached. `of(ctx)` is the request's DataLoader, so every call site of a request
 * shares one batch and one cache, and the types of keys and values come from here.
 *
 * A loader that takes parameters (a year, a segment) gets one DataLoader per value of them in a request: `params`
 * are plain data, and their JSON is the variant's key.
 */
export class LoaderDefinition<K, V, P = void> {
  constructor(
    readonly name: string,
    private readonly batch: BatchFn<K, V, P>,
    private readonly cacheKey?: (key: K) => string | number,
  ) {}

  of(ctx: RequestContext, params: P): DataLoader<K, V, string | number | K> {
    return ctx.loaders.obtain(this, JSON.stringify(params) ?? '', () => {
      return new DataLoader<K, V, string | number | K>((keys) => this.batch(ctx, keys, params), {
        name: this.name,
        maxBatchSize: 1000,
        cacheKeyFn: this.cacheKey,
      });
    });
  }
}

export function defineLoader<K, V, P = void>(name: string, batch: BatchFn<K, V, P>, options: { cacheKey?: (key: K) => string | number } = {}) {
  return new LoaderDefinition<K, V, P>(name, batch, options.cacheKey);
}
