import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The market leader (largest share) of each region in a year; a tie goes to the lower insurer id so the answer
 * is stable. One statement.
 */
export async function marketLeaders(em: EntityManager, year: number): Promise<Map<number, number>> {
  const rows = await em.execute<{ region_id: number; insurer_id: number }[]>(
    `select distinct on (region_id) region_id, insurer_id
       from market_share where year = ?
      order by region_id, share_percent desc, insurer_id`,
    [year],
  );
  return new Map(rows.map((r) => [Number(r.region_id), Number(r.insurer_id)]));
}

/** The core regions (kernregio's) of an insurer among the market leaders of a year: where it is the leader. */
export function coreRegionsOf(leaders: Map<number, number>, insurerId: number): number[] {
  return [...leaders].filter(([, leader]) => leader === insurerId).map(([region]) => region);
}

/** The core regions of an insurer in a year. */
export async function coreRegionIds(em: EntityManager, insurerId: number, year: number): Promise<number[]> {
  return coreRegionsOf(await marketLeaders(em, year), insurerId);
}
