import type { EntityManager } from '@mikro-orm/postgresql';
import type { ZnRow } from '../zn';
import { pgArray } from '../../db/pg-array';
import { STAY_TYPE_ORDER } from '../monitoring.enums';

/**
 * The set-based half of an import. Valid rows are staged in a temporary table batch by batch while the file
 * streams in; everything that needs the whole file (snapshots per submission, comparisons with stored
 * versions and with the year before) then runs as a handful of statements, whatever the number of rows.
 * Both temporary tables disappear with the transaction.
 */

const STAY_ORDER = new Map<string, number>(STAY_TYPE_ORDER.map((type, index) => [type, index]));

export async function createStage(em: EntityManager): Promise<void> {
  await em.execute(
    `create temp table zn_stage (
       row_no int not null, provider_id int not null, year int not null, period text not null,
       stay_order smallint not null, stay_type text not null,
       registrations int not null, inflow int not null, not_placeable int not null,
       deflected int, saving text, capacity int, outflow int, los text
     ) on commit drop`,
  );
}

/** One statement per batch: the rows as column arrays, unnested by PostgreSQL. */
export function stageRows(em: EntityManager, rows: readonly { providerId: number; row: ZnRow }[]): Promise<unknown> {
  const columns: unknown[][] = Array.from({ length: 14 }, () => new Array(rows.length));
  rows.forEach(({ providerId, row }, i) => {
    columns[0]![i] = row.row;
    columns[1]![i] = providerId;
    columns[2]![i] = row.year;
    columns[3]![i] = row.period;
    columns[4]![i] = STAY_ORDER.get(row.stayType);
    columns[5]![i] = row.stayType;
    columns[6]![i] = row.registrations;
    columns[7]![i] = row.inflow;
    columns[8]![i] = row.notPlaceable;
    columns[9]![i] = row.deflectedFirstLine;
    columns[10]![i] = row.savingEur;
    columns[11]![i] = row.requiredCapacityBeds;
    columns[12]![i] = row.outflowAfterAdmission;
    columns[13]![i] = row.averageLengthOfStayDays;
  });
  return em.execute(
    `insert into zn_stage select * from unnest(?::int[], ?::int[], ?::int[], ?::text[], ?::smallint[], ?::text[],
       ?::int[], ?::int[], ?::int[], ?::int[], ?::text[], ?::int[], ?::int[], ?::text[])`,
    columns.map((column) => pgArray(column as (string | number | null)[])),
  );
}

/** One row's figures as text, in a fixed order with empty text for null: equal text means equal figures. */
const STAGE_SIGNATURE = `st.stay_type || '|' || st.registrations || '|' || st.inflow || '|' || st.not_placeable || '|' ||
  coalesce(st.deflected::text, '') || '|' || coalesce(st.saving, '') || '|' || coalesce(st.capacity::text, '') || '|' ||
  coalesce(st.outflow::text, '') || '|' || coalesce(st.los, '')`;

/** The same signature of a row as a version stores it (JSON). */
const STORED_SIGNATURE = `(e->>'stayType') || '|' || (e->>'registrations') || '|' || (e->>'inflow') || '|' || (e->>'notPlaceable') || '|' ||
  coalesce(e->>'deflectedFirstLine', '') || '|' || coalesce(e->>'savingEur', '') || '|' || coalesce(e->>'requiredCapacityBeds', '') || '|' ||
  coalesce(e->>'outflowAfterAdmission', '') || '|' || coalesce(e->>'averageLengthOfStayDays', '')`;

/**
 * Serialises imports per coordination function (in id order, so two imports cannot deadlock), then groups the
 * staged rows into submissions: each (function, year, period) with the hash and JSON of its new figures,
 * beside the submission it would replace.
 */
export async function groupStage(em: EntityManager): Promise<void> {
  await em.execute(`create index on zn_stage (provider_id, year, period, stay_order)`);
  await em.execute(`select pg_advisory_xact_lock(7301, d.provider_id) from (select distinct provider_id from zn_stage order by 1) d`);
  await em.execute(
    `create temp table zn_group on commit drop as
     with g as (
       select st.provider_id, st.year, st.period, count(*)::int as row_count,
              md5(string_agg(${STAGE_SIGNATURE}, E'\\n' order by st.stay_order)) as hash,
              jsonb_agg(jsonb_build_object(
                'stayType', st.stay_type, 'registrations', st.registrations, 'inflow', st.inflow,
                'notPlaceable', st.not_placeable, 'deflectedFirstLine', st.deflected, 'savingEur', st.saving,
                'requiredCapacityBeds', st.capacity, 'outflowAfterAdmission', st.outflow,
                'averageLengthOfStayDays', st.los) order by st.stay_order) as figures
         from zn_stage st
        group by st.provider_id, st.year, st.period)
     select g.*, s.id as submission_id, s.status::text as status, s.figures_hash as old_hash, s.version as old_version
       from g
       left join monitoring_submission s
         on s.provider_id = g.provider_id and s.year = g.year and s.period = g.period::monitoring_period`,
  );
}

export interface LockedRow {
  row: number;
  agb: string;
  year: number;
  period: string;
  total: number;
}

const LOCKED = `g.status = 'ACCEPTED' and g.old_hash <> g.hash`;

/** Rows that would change an accepted (locked) submission: the first `limit`, with the total. */
export async function lockedRows(em: EntityManager, limit: number): Promise<{ rows: LockedRow[]; total: number }> {
  const rows = await em.execute<{ row_no: number; agb: string; year: number; period: string; total: string }[]>(
    `select st.row_no, p.agb, st.year, st.period, count(*) over () as total
       from zn_stage st
       join zn_group g on g.provider_id = st.provider_id and g.year = st.year and g.period = st.period
       join provider p on p.id = st.provider_id
      where ${LOCKED}
      order by st.row_no
      limit ?`,
    [Math.max(limit, 1)],
  );
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  return { rows: rows.slice(0, limit).map((r) => ({ row: r.row_no, agb: r.agb, year: r.year, period: r.period, total })), total };
}

/** Leaves locked submissions out of the import (REJECT_FAILED_ROWS). */
export async function dropLockedGroups(em: EntityManager): Promise<void> {
  await em.execute(`delete from zn_group g where ${LOCKED}`);
}

export interface Outlier {
  row: number;
  year: number;
  column: string;
  value: string;
  previous: string;
}

/**
 * Figures that change by more than `percent` against the same function, period and stay type of the year
 * before: the file's own row for that year when it has one (it replaces the stored one), else the stored
 * current version. A figure that was 0 or absent the year before has no base to compare with.
 */
export async function outliers(em: EntityManager, percent: number, limit: number): Promise<{ rows: Outlier[]; total: number }> {
  const figure = (column: string, stage: string, json: string, cast: string) =>
    `(${COLUMN_ORDER[column]}, '${column}', st.${stage}::numeric, coalesce(pf.${stage}::numeric, (pd.e->>'${json}')::${cast}))`;
  const rows = await em.execute<{ row_no: number; year: number; col: string; new_value: string; old_value: string; total: string }[]>(
    `select st.row_no, st.year, c.col, c.new_value::text as new_value, c.old_value::text as old_value, count(*) over () as total
       from zn_stage st
       left join zn_stage pf
         on pf.provider_id = st.provider_id and pf.year = st.year - 1 and pf.period = st.period and pf.stay_order = st.stay_order
       left join monitoring_submission ps
         on pf.row_no is null and ps.provider_id = st.provider_id and ps.year = st.year - 1 and ps.period = st.period::monitoring_period
       left join monitoring_submission_version pv on pv.submission_id = ps.id and pv.version = ps.version
       left join lateral (select e from jsonb_array_elements(pv.figures) e where e->>'stayType' = st.stay_type) pd on true
      cross join lateral (values
         ${figure('aanmeldingen', 'registrations', 'registrations', 'numeric')},
         ${figure('instroom', 'inflow', 'inflow', 'numeric')},
         ${figure('niet_plaatsbaar', 'not_placeable', 'notPlaceable', 'numeric')},
         ${figure('afgebogen_eerste_lijn', 'deflected', 'deflectedFirstLine', 'numeric')},
         ${figure('besparing_eur', 'saving', 'savingEur', 'numeric')},
         ${figure('benodigde_capaciteit_bedden', 'capacity', 'requiredCapacityBeds', 'numeric')},
         ${figure('uitstroom_na_opname', 'outflow', 'outflowAfterAdmission', 'numeric')},
         ${figure('gemiddelde_ligduur_dagen', 'los', 'averageLengthOfStayDays', 'numeric')}
      ) as c(ord, col, new_value, old_value)
      where (pf.row_no is not null or pd.e is not null)
        and c.old_value > 0 and c.new_value is not null
        and abs(c.new_value - c.old_value) * 100 > ? * c.old_value
      order by st.row_no, c.ord
      limit ?`,
    [percent, Math.max(limit, 1)],
  );
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  return {
    rows: rows.slice(0, limit).map((r) => ({ row: r.row_no, year: r.year, column: r.col, value: r.new_value, previous: r.old_value })),
    total,
  };
}

const COLUMN_ORDER: Record<string, number> = {
  aanmeldingen: 1,
  instroom: 2,
  niet_plaatsbaar: 3,
  afgebogen_eerste_lijn: 4,
  besparing_eur: 5,
  benodigde_capaciteit_bedden: 6,
  uitstroom_na_opname: 7,
  gemiddelde_ligduur_dagen: 8,
};

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  submissionsCreated: number;
  submissionsUpdated: number;
  submissionsUnchanged: number;
}

/** What the import does, row by row against the stay types of the current versions, and per submission. */
export async function countChanges(em: EntityManager): Promise<Counts> {
  const [rows] = await em.execute<{ created: string; updated: string; unchanged: string }[]>(
    `select count(*) filter (where g.submission_id is null or (g.old_hash <> g.hash and cur.sig is null)) as created,
            count(*) filter (where g.old_hash <> g.hash and cur.sig <> st.sig) as updated,
            count(*) filter (where g.old_hash = g.hash or cur.sig = st.sig) as unchanged
       from (select st.*, ${STAGE_SIGNATURE} as sig from zn_stage st) st
       join zn_group g on g.provider_id = st.provider_id and g.year = st.year and g.period = st.period
       left join monitoring_submission_version v
         on g.old_hash <> g.hash and v.submission_id = g.submission_id and v.version = g.old_version
       left join lateral (
         select ${STORED_SIGNATURE} as sig from jsonb_array_elements(v.figures) e where e->>'stayType' = st.stay_type
       ) cur on true`,
  );
  const [groups] = await em.execute<{ created: string; updated: string; unchanged: string }[]>(
    `select count(*) filter (where submission_id is null) as created,
            count(*) filter (where old_hash <> hash) as updated,
            count(*) filter (where old_hash = hash) as unchanged
       from zn_group`,
  );
  return {
    created: Number(rows?.created ?? 0),
    updated: Number(rows?.updated ?? 0),
    unchanged: Number(rows?.unchanged ?? 0),
    submissionsCreated: Number(groups?.created ?? 0),
    submissionsUpdated: Number(groups?.updated ?? 0),
    submissionsUnchanged: Number(groups?.unchanged ?? 0),
  };
}

export interface Actor {
  kind: string;
  code: string;
  subject: string;
}

/**
 * Writes the new and changed submissions, a version for each, and the status changes in their history.
 * New figures make a submitted or rejected submission a draft again, unless the upload submits them.
 */
export async function applyChanges(em: EntityManager, importId: number, submit: boolean, actor: Actor): Promise<void> {
  const newStatus = submit ? 'SUBMITTED' : 'DRAFT';
  await em.execute(
    `with created as (
       insert into monitoring_submission (provider_id, year, period, status, version, figures_hash, submitted_at, created_at, updated_at)
       select provider_id, year, period::monitoring_period, ?::monitoring_submission_status, 1, hash,
              case when ?::boolean then now() end, now(), now()
         from zn_group where submission_id is null
       returning id, version)
     insert into monitoring_submission_event (submission_id, occurred_at, kind, from_status, to_status, version, actor_kind, actor_code, actor_subject)
     select id, now(), 'SUBMITTED', 'DRAFT', 'SUBMITTED', version, ?::organisation_kind, ?, ? from created where ?::boolean`,
    [newStatus, submit, actor.kind, actor.code, actor.subject, submit],
  );
  await em.execute(
    `with changed as (
       update monitoring_submission s
          set version = s.version + 1, figures_hash = g.hash, status = ?::monitoring_submission_status,
              submitted_at = case when ?::boolean then now() else s.submitted_at end,
              rejection_reason = null, updated_at = now()
         from zn_group g
        where s.id = g.submission_id and g.old_hash <> g.hash
       returning s.id, s.version, g.status as old_status)
     insert into monitoring_submission_event (submission_id, occurred_at, kind, from_status, to_status, version, actor_kind, actor_code, actor_subject)
     select id, now(), case when ?::boolean then 'SUBMITTED' else 'RETURNED_TO_DRAFT' end::monitoring_submission_event_kind,
            old_status::monitoring_submission_status, ?::monitoring_submission_status, version, ?::organisation_kind, ?, ?
       from changed where ?::boolean or old_status in ('SUBMITTED', 'REJECTED')`,
    [newStatus, submit, submit, newStatus, actor.kind, actor.code, actor.subject, submit],
  );
  await em.execute(
    `insert into monitoring_submission_version (submission_id, version, figures, figures_hash, import_id, created_at, created_by)
     select s.id, s.version, g.figures, g.hash, ?, now(), ?
       from zn_group g
       join monitoring_submission s on s.provider_id = g.provider_id and s.year = g.year and s.period = g.period::monitoring_period
      where g.submission_id is null or g.old_hash <> g.hash`,
    [importId, actor.subject],
  );
}
