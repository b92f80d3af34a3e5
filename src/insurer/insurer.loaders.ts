import { groupByKey } from '../core/context';
import { defineLoader } from '../core/loaders';
import { Row, findRows } from '../db/find-page';
import { Insurer } from './insurer.entity';
import { Concern } from './concern.entity';
import { concernsByIds, insurersByIds } from './insurer.service';

export const insurerLoaders = {
  /** Insurers by id (the insurer of a share, of a policy ...). */
  byId: defineLoader<number, Row<Insurer> | null>('insurers.byId', (ctx, ids) => insurersByIds(ctx, ids)),
  concernById: defineLoader<number, Row<Concern> | null>('concerns.byId', (ctx, ids) => concernsByIds(ctx, ids)),
  /** The insurers of each concern, by name. */
  ofConcern: defineLoader<number, Row<Insurer>[]>('insurers.byConcern', async (ctx, ids) => {
    const rows = await findRows(ctx, Insurer, { concern: { $in: [...ids] } }, [{ name: 'asc' }, { id: 'asc' }]);
    return groupByKey(ids, rows, (r) => r.concern.id);
  }),
};
