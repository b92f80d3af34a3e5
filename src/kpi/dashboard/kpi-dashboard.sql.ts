import type { ProviderKind } from '../../provider/provider.entity';
import type { KpiPeriodKind } from '../rules/period';
import type { KpiDirection, KpiScoring } from '../rules/catalogue';
import type { KpiDefinitionStatus } from '../kpi.enums';
import { PURCHASING_CTES } from '../../contract/purchasing';

export type TargetTuple = [id: number, providerId: number, insurerId: number, value: string, date: string, baselineKind: KpiPeriodKind | null, baselineCount: number | null];
export type ProviderTuple = [
  id: number, agb: string, kvk: string, name: string, kind: ProviderKind, regionId: number | null, createdAt: string, updatedAt: string,
  inFilter: boolean, holder: boolean, points: [string, string, number, number | null][],
];

/** What the one statement of a dashboard returns: the lookups of its input, every target and every provider with one. */
export interface ScopeDocument {
  kpi: { id: number; code: string; scoring: KpiScoring; direction: KpiDirection; status: KpiDefinitionStatus; proposed_by_id: number | null; proposed_to_id: number | null } | null;
  insurers: { id: number; uzovi: string }[];
  regions: { id: number; code: string }[];
  /** Every target of the KPI in the year, lowest id first, with the baseline count of its baseline period. */
  targets: TargetTuple[];
  /** Every provider with such a target: its columns, whether the filter covers it, whether the viewer holds a target, its figures. */
  providers: ProviderTuple[];
  /** For an insurer reading: the purchasing fact of those providers in the year (contract/purchasing.ts), as [provider, insurer]. */
  purchasing: [providerId: number, insurerId: number][];
}

/**
 * The whole input of a dashboard in one statement, whatever the number of providers: the KPI, the insurers and
 * regions named, every target of the KPI in the year, and every provider with one, with whether the filter covers
 * it, whether the reading insurer holds a target of the KPI with it, and the year's figures of one period kind.
 * The national benchmark needs every provider whatever the filter, so the filter is a flag, not a condition.
 * Rows are JSON arrays rather than objects: the document for a hundred providers is a third smaller to parse.
 */
export const SCOPE_SQL = `
with k as (
  select id, code, scoring, direction, status, proposed_by_id, proposed_to_id from kpi where code = ?
), named as (
  select id, uzovi from insurer where uzovi = any(?::text[])
), regions as (
  select id, code from region where code = any(?::text[])
), t as (
  select t.* from k join kpi_target t on t.kpi_id = k.id and t.year = ?
), wanted as (
  select distinct provider_id, ?::int as year from t where ?::boolean
), ${PURCHASING_CTES}
select json_build_object(
  'purchasing', coalesce((select json_agg(json_build_array(provider_id, insurer_id)) from purchasing), '[]'::json),
  'kpi', (select row_to_json(k) from k),
  'insurers', coalesce((select json_agg(named) from named), '[]'::json),
  'regions', coalesce((select json_agg(regions) from regions), '[]'::json),
  'targets', coalesce((select json_agg(json_build_array(
      t.id, t.provider_id, t.insurer_id, t.target_value::text, t.target_date, t.baseline_kind,
      (select b.numerator from kpi_measurement b
        where b.provider_id = t.provider_id and b.kpi_id = t.kpi_id and b.current
          and b.period_kind = t.baseline_kind and b.period_start = t.baseline_start)) order by t.id)
      from t), '[]'::json),
  'providers', coalesce((select json_agg(json_build_array(
      p.id, p.agb, p.kvk, p.name, p.kind, p.region_id, p.created_at, p.updated_at,
      (?::text[] is null or p.kind::text = any(?::text[]))
        and (?::text[] is null or p.region_id in (select id from regions))
        and (?::int[] is null or p.region_id = any(?::int[])),
      exists (select 1 from kpi_target h
               where h.provider_id = p.id and h.kpi_id = k.id and h.insurer_id = ?::int
                 and (h.year = ? or extract(year from h.baseline_start) = ?)),
      coalesce((select json_agg(json_build_array(m.period_start, m.period_end, m.numerator, m.denominator) order by m.period_start)
                  from kpi_measurement m
                 where m.provider_id = p.id and m.kpi_id = k.id and m.period_kind = ?::kpi_period_kind and m.current
                   and m.period_start >= make_date(?, 1, 1) and m.period_end <= least(make_date(?, 12, 31), ?::date)
                   -- implied by the period check (start <= end); it bounds the index range, which ends at period_start
                   and m.period_start <= least(make_date(?, 12, 31), ?::date)),
               '[]'::json)) order by p.id)
      from provider p cross join k where p.id in (select provider_id from t)), '[]'::json)
) as doc`;
