import { groupByKey } from '../core/context';
import { defineLoader } from '../core/loaders';
import { findByIds } from '../db/find-page';
import { pgArray } from '../db/pg-array';
import { Region } from '../region/region.entity';
import type { KpiPeriodKind } from './rules/period';
import { KpiTarget } from './kpi-target.entity';
import { KpiMeasurement, KpiMeasurementPopulation } from './kpi-measurement.entity';
import type { TargetFigures } from './kpi.service';
import { measurementKey } from './kpi-measurement.service';

export const kpiLoaders = {
  /** The figures behind each target's progress, one statement for any number of targets. */
  targetFigures: defineLoader<number, TargetFigures>('kpi.targetFigures', async (ctx, ids) => {
    const rows = await ctx.em.execute<
      { target_id: number; baseline: boolean; period_kind: KpiPeriodKind; period_start: string; period_end: string; numerator: number; denominator: number | null }[]
    >(
      `select t.id as target_id,
              (m.period_kind = t.baseline_kind and m.period_start = t.baseline_start) as baseline,
              m.period_kind, m.period_start, m.period_end, m.numerator, m.denominator
         from kpi_target t
         join kpi_measurement m
           on m.provider_id = t.provider_id and m.kpi_id = t.kpi_id and m.current
          and ((m.period_start >= make_date(t.year, 1, 1) and m.period_end <= make_date(t.year, 12, 31))
               or (m.period_kind = t.baseline_kind and m.period_start = t.baseline_start))
        where t.id = any(?::int[])
        order by m.period_start, m.period_kind`,
      [pgArray(ids)],
    );
    const figures = new Map<number, TargetFigures>(ids.map((i) => [i, { points: [], baselineCount: null }]));
    for (const row of rows) {
      const entry = figures.get(Number(row.target_id))!;
      if (row.baseline) entry.baselineCount = Number(row.numerator);
      else {
        entry.points.push({
          kind: row.period_kind,
          start: row.period_start,
          end: row.period_end,
          numerator: Number(row.numerator),
          denominator: row.denominator === null ? null : Number(row.denominator),
        });
      }
    }
    return ids.map((i) => figures.get(i)!);
  }),

  /** Every version of each measurement's period, oldest first. */
  history: defineLoader<KpiMeasurement, KpiMeasurement[]>(
    'kpi.history',
    async (ctx, list) => {
      const rows = await ctx.em.find(
        KpiMeasurement,
        { $or: list.map((m) => ({ provider: m.provider.id, kpi: m.kpi.id, periodKind: m.periodKind, periodStart: m.periodStart })) },
        { orderBy: [{ version: 'asc' }] },
      );
      const key = (m: KpiMeasurement) => measurementKey(m.provider.id, m.kpi.id, m.periodKind, m.periodStart);
      return groupByKey(list.map(key), rows, key);
    },
    { cacheKey: (m) => m.id },
  ),

  /** The populations of each telemonitoring measurement in the order submitted. */
  populations: defineLoader<number, KpiMeasurementPopulation[]>('kpi.populations', async (ctx, ids) => {
    const rows = await ctx.em.find(KpiMeasurementPopulation, { measurement: { $in: [...ids] } }, { orderBy: [{ position: 'asc' }] });
    return groupByKey(ids, rows, (r) => r.measurement.id);
  }),

  /** The target each dashboard row is judged by. */
  dashboardTarget: defineLoader<number, KpiTarget | null>('kpi.dashboardTarget', (ctx, ids) => findByIds(ctx, KpiTarget, ids)),

  /** The region of each dashboard row's provider. */
  dashboardRegion: defineLoader<number, Region | null>('kpi.dashboardRegion', (ctx, ids) => findByIds(ctx, Region, ids)),
};
