/**
 * The floor of the KPI dashboard benchmark: the benchmark's dashboard query answered by one hand-written SQL
 * statement that builds the whole JSON response, for a proportion KPI judged by one insurer's targets, monthly,
 * ordered by AGB. It implements the status rule of KPI-RULES.md, type-7 quantiles and the visibility rule in SQL,
 * so its answer must equal the API's; the benchmark checks that before it measures either.
 */
export const FLOOR_SQL = `
with params as (
  select k.id as kpi_id, $1::int as year, $2::date as as_of, i.id as insurer_id, $5::int as viewer_id, $6::int as page_size,
         make_date($1::int, 1, 1) as year_start
    from kpi k, insurer i
   where k.code = $3 and i.uzovi = $4
),
scope as (
  select distinct on (t.provider_id) t.provider_id, t.target_value, t.target_date, p.agb, p.name
    from params x
    join kpi_target t on t.kpi_id = x.kpi_id and t.year = x.year and t.insurer_id = x.insurer_id
    join provider p on p.id = t.provider_id
   order by t.provider_id, t.id
),
points as (
  select m.provider_id, m.period_start, m.period_end, m.numerator, m.denominator,
         round(m.numerator * 100.0 / m.denominator, 2) as value
    from params x
    join scope s on true
    join kpi_measurement m on m.provider_id = s.provider_id and m.kpi_id = x.kpi_id and m.current and m.period_kind = 'MONTH'
   where m.period_start >= x.year_start and m.period_end <= least(s.target_date, x.as_of) and m.denominator > 0
),
latest as (
  select provider_id, count(*) as n,
         (array_agg(value order by period_end desc))[1] as v_last,
         (array_agg(value order by period_end desc))[2] as v_prev,
         (array_agg(period_end order by period_end desc))[1] as end_last,
         (array_agg(period_start order by period_end desc))[1] as start_last,
         (array_agg(numerator order by period_end desc))[1] as num_last,
         (array_agg(denominator order by period_end desc))[1] as den_last,
         (array_agg(value order by period_end))[1] as v_first,
         (array_agg(period_end order by period_end))[1] as end_first
    from points group by provider_id
),
pathed as (
  select s.*, l.n, l.v_last, l.v_prev, l.end_last, l.start_last, l.num_last, l.den_last, x.as_of,
         round(case
           when l.n > 1 and l.end_last <= l.end_first then l.v_first
           when l.n > 1 then l.v_first + (s.target_value - l.v_first) * (l.end_last - l.end_first) / (s.target_date - l.end_first)
           else s.target_value * (l.end_last - x.year_start) / (s.target_date - x.year_start)
         end, 2) as path
    from scope s cross join params x left join latest l using (provider_id)
),
judged as (
  select p.*,
         case
           when p.n is null then 'NO_DATA'
           when p.v_last >= p.target_value then 'MET'
           when p.as_of > p.target_date or p.end_last = p.target_date then 'NOT_MET'
           when p.v_last >= p.path then 'ON_TRACK'
           else 'AT_RISK'
         end as status
    from pathed p
),
visible as (
  select j.* from judged j, params x
   where exists (select 1 from contract c
                  where c.provider_id = j.provider_id and c.insurer_id = x.viewer_id and c.status <> 'TERMINATED'
                    and c.term_start <= make_date(x.year, 12, 31) and c.term_end >= x.year_start)
      or exists (select 1 from kpi_target t
                  where t.provider_id = j.provider_id and t.kpi_id = x.kpi_id and t.insurer_id = x.viewer_id and t.year = x.year)
),
page as (
  select v.* from visible v, params x order by v.agb limit (select page_size from params)
),
sorted as (select array_agg(v_last order by v_last) as xs, count(*) as n, sum(num_last) as num, sum(den_last) as den from judged where n is not null),
quant as (
  select n, num, den, xs,
         q.p, (n - 1) * q.p as h
    from sorted, (values (0.25), (0.5), (0.75)) as q(p)
),
quantiles as (
  select n, num, den,
         max(case when p = 0.25 then v end) as q1, max(case when p = 0.5 then v end) as q2, max(case when p = 0.75 then v end) as q3
    from (select n, num, den, p,
                 case when h = floor(h) then xs[floor(h)::int + 1]
                      else xs[floor(h)::int + 1] + (h - floor(h)) * (xs[floor(h)::int + 2] - xs[floor(h)::int + 1]) end as v
            from quant) z
   group by n, num, den
),
months as (
  select gs as number, make_date((select year from params), gs, 1) as start
    from generate_series(1, 12) gs
   where (make_date((select year from params), gs, 1) + interval '1 month' - interval '1 day')::date <= (select as_of from params)
),
month_points as (
  select mo.number, mo.start, array_agg(pt.value order by pt.value) filter (where pt.value is not null) as xs,
         count(pt.value) as n, sum(pt.numerator) as num, sum(pt.denominator) as den
    from months mo left join points pt on pt.period_start = mo.start
   group by mo.number, mo.start
),
month_quant as (
  select mp.number, mp.start, mp.n, mp.num, mp.den, q.p, (mp.n - 1) * q.p as h, mp.xs
    from month_points mp, (values (0.25), (0.5), (0.75)) as q(p)
),
month_stats as (
  select number, start, n, num, den,
         max(case when p = 0.25 then v end) as q1, max(case when p = 0.5 then v end) as q2, max(case when p = 0.75 then v end) as q3
    from (select number, start, n, num, den, p,
                 case when n = 0 then null
                      when h = floor(h) then xs[floor(h)::int + 1]
                      else xs[floor(h)::int + 1] + (h - floor(h)) * (xs[floor(h)::int + 2] - xs[floor(h)::int + 1]) end as v
            from month_quant) z
   group by number, start, n, num, den
)
select json_build_object('kpiDashboard', json_build_object(
  'year', x.year,
  'asOf', to_char(x.as_of, 'YYYY-MM-DD'),
  'periodKind', 'MONTH',
  'rows', json_build_object(
    'totalCount', (select count(*) from visible),
    'nodes', coalesce((select json_agg(json_build_object(
        'provider', json_build_object('agb', pg.agb, 'name', pg.name),
        'latest', case when pg.n is null then null else json_build_object(
          'value', pg.v_last::text, 'numerator', pg.num_last, 'denominator', pg.den_last,
          'period', json_build_object('label', to_char(pg.start_last, 'YYYY-MM'))) end,
        'progress', json_build_object(
          'status', pg.status,
          'attainmentPercent', case when pg.n is null or pg.target_value <= 0 then null else round(pg.v_last * 100 / pg.target_value, 2)::text end,
          'trend', case when pg.n > 1 then (pg.v_last - pg.v_prev)::text end,
          'expectedValue', case when pg.status in ('ON_TRACK', 'AT_RISK') then pg.path::text end)
      ) order by pg.agb) from page pg), '[]'::json)),
  'aggregate', (select json_build_object(
      'suppressed', (select count(*) from judged) = 0,
      'providerCount', case when (select count(*) from judged) > 0 then (select count(*) from judged) end,
      'statusCounts', case when (select count(*) from judged) > 0 then json_build_object(
        'met', (select count(*) from judged where status = 'MET'),
        'onTrack', (select count(*) from judged where status = 'ON_TRACK'),
        'atRisk', (select count(*) from judged where status = 'AT_RISK'),
        'notMet', (select count(*) from judged where status = 'NOT_MET'),
        'noData', (select count(*) from judged where status = 'NO_DATA')) end,
      'valuesSuppressed', coalesce(q.n, 0) = 0,
      'reportingProviderCount', case when q.n > 0 then q.n end,
      'pooledRate', case when q.n > 0 then round(q.num * 100.0 / q.den, 2)::text end,
      'median', case when q.n > 0 then round(q.q2, 2)::text end,
      'q1', case when q.n > 0 then round(q.q1, 2)::text end,
      'q3', case when q.n > 0 then round(q.q3, 2)::text end,
      'iqr', case when q.n > 0 then round(q.q3 - q.q1, 2)::text end)
    from (select 1) one left join quantiles q on true),
  'series', coalesce((select json_agg(json_build_object(
      'period', json_build_object('label', to_char(ms.start, 'YYYY-MM')),
      'suppressed', ms.n = 0,
      'reportingProviderCount', case when ms.n > 0 then ms.n end,
      'pooledRate', case when ms.n > 0 then round(ms.num * 100.0 / ms.den, 2)::text end,
      'median', case when ms.n > 0 then round(ms.q2, 2)::text end,
      'iqr', case when ms.n > 0 then round(ms.q3 - ms.q1, 2)::text end
    ) order by ms.number) from month_stats ms), '[]'::json)
)) as body
from params x`;

/** The GraphQL query the floor answers: the same fields, in the same shape. */
export const DASHBOARD_QUERY = `query($input: KpiDashboardInput!, $first: Int) { kpiDashboard(input: $input) {
  year asOf periodKind
  rows(first: $first, orderBy: { field: AGB }) { totalCount nodes {
    provider { agb name }
    latest { value numerator denominator period { label } }
    progress { status attainmentPercent trend expectedValue } } }
  aggregate { suppressed providerCount statusCounts { met onTrack atRisk notMet noData } valuesSuppressed reportingProviderCount pooledRate median q1 q3 iqr }
  series { period { label } suppressed reportingProviderCount pooledRate median iqr } } }`;

export interface FloorParams {
  year: number;
  asOf: string;
  kpiCode: string;
  insurerUzovi: string;
  viewerInsurerId: number;
  first: number;
}

export function floorValues(p: FloorParams): unknown[] {
  return [p.year, p.asOf, p.kpiCode, p.insurerUzovi, p.viewerInsurerId, p.first];
}
