import type { FilterQuery } from '@mikro-orm/core';
import { groupByKey } from '../core/context';
import { defineLoader } from '../core/loaders';
import { Row, findRows } from '../db/find-page';
import type { Region } from './region.entity';
import { MarketShare } from './market-share.entity';
import { ShareRow, attachRegions, regionsByIds } from './region.service';

export const regionLoaders = {
  /** Regions by id (the region of a provider, of a share ...). */
  byId: defineLoader<number, Row<Region> | null>('regions.byId', (ctx, ids) => regionsByIds(ctx, ids)),
  /**
   * The market shares of each insurer or region, largest first, optionally of one year; `withRegion` attaches their
   * regions (see `attachRegions`).
   */
  shares: defineLoader<number, ShareRow[], { side: 'insurer' | 'region'; year: number | null; withRegion: boolean }>(
    'marketShares.by',
    async (ctx, ids, { side, year, withRegion }) => {
      const where: FilterQuery<MarketShare> = { [side]: { $in: [...ids] } };
      if (year !== null) where.year = year;
      const rows: ShareRow[] = await findRows(ctx, MarketShare, where, [{ year: 'desc' }, { sharePercent: 'desc' }, { id: 'asc' }]);
      if (withRegion) await attachRegions(ctx, rows);
      return groupByKey(ids, rows, (r) => r[side].id);
    },
  ),
};
