import type { EntityManager } from '@mikro-orm/postgresql';
import type { ZnRow } from '../zn';
import { copyIn, CopyIn } from '../../db/copy-in';
import { pgArray } from '../../db/pg-array';
import { ZN_PERIOD_INDEX, ZN_STAY_TYPE_INDEX, ZN_STAY_TYPES, MonitoringPeriod } from '../zn/zn-format';
import { OUTLIER_FIGURES, Outlier } from './year-over-year';

/**
 * The set-based half of an import. Valid rows are staged in a temporary table batch by batch while the file
 * streams in; everything that needs the whole file (snapshots per submission, comparisons with stored
 * versions and with the year before) then runs as a handful of statements, whatever the number of rows.
 * Both temporary tables disappear with the transaction.
 */


/**
 * One number for (function, year, period, stay type), so that the joins over the staged rows hash a single
 * bigint: ((provider id x 10,000 + year) x 4 + period) x 8 + stay type, below 2^53 for every 32-bit provider
 * id. The same figure of the year before has the key minus PREVIOUS_YEAR.
 */
const stageKey = (providerId: number, year: number, period: MonitoringPeriod, stayOrder: number) =>
  ((providerId * 10_000 + year) * 4 + ZN_PERIOD_INDEX[period]) * 8 + stayOrder;
const PREVIOUS_YEAR = 4 * 8;

const STAGE_COLUMNS =
  'row_no, provider_id, year, period, stay_order, k, stay_type, registrations, inflow, not_placeable, deflected, saving, capacity, outflow, los';

/**
 * Starts the staging table and a COPY into it that stays open while the file streams in. PostgreSQL computes
 * each row's canonical line (see parseFigures) as it stores it, on its own core, while the reader parses on.
 */
export async function openStage(em: EntityManager): Promise<CopyIn> {
  await em.execute(
    `create temp table zn_stage (
       row_no int not null, provider_id int not null, year int not null, period text not null,
       stay_order smallint not null, k bigint not null, stay_type text not null,
       registrations int not null, inflow int not null, not_placeable int not null,
       deflected int, saving numeric, capacity int, outflow int, los numeric,
       saving_f float8 generated always as (saving::float8) stored, los_f float8 generated always as (los::float8) stored,
       line text generated always as (
         stay_type || '|' || registrations || '|' || inflow || '|' || not_placeable || '|' || coalesce(deflected::text, '') || '|' ||
         coalesce(saving::text, '') || '|' || coalesce(capacity::text, '') || '|' || coalesce(outflow::text, '') || '|' || coalesce(los::text, '')
       ) stored
     ) on commit drop`,
  );
  return copyIn(em, `copy zn_stage (${STAGE_COLUMNS}) from stdin`);
}

/** Drops the staging tables of a carried-out import (they would go at commit too). */
export async function dropStage(em: EntityManager): Promise<void> {
  await em.execute('drop table if exists zn_stage, zn_group');
}

const NULL = '\\N';

/**
 * One staged row as a line of COPY text. Values are validated codes, whole numbers and plain decimals (the
 * reader normalises them), so none holds a tab, newline or backslash.
 */
export function stageLine(providerId: number, row: ZnRow): string {
  const stayOrder = ZN_STAY_TYPE_INDEX[row.stayType];
  return (
    `${row.row}\t${providerId}\t${row.year}\t${row.period}\t${stayOrder}\t${stageKey(providerId, row.year, row.period, stayOrder)}\t${row.stayType}\t` +
    `${row.registrations}\t${row.inflow}\t${row.notPlaceable}\t${row.deflectedFirstLine ?? NULL}\t${row.savingEur ?? NULL}\t` +
    `${row.requiredCapacityBeds ?? NULL}\t${row.outflowAfterAdmission ?? NULL}\t${row.averageLengthOfStayDays ?? NULL}\n`
  );
}

/**
 * Serialises imports per coordination function (in id order, so two imports cannot deadlock), then groups the
 * staged rows into submissions: each (function, year, period) with its new figures and their hash, beside
 * the submission it would replace (old_figures: its figures between line breaks, for countChanges).
 */
export async function groupStage(em: EntityManager, providerIds: readonly number[]): Promise<void> {
  // Aggregating 200,000 staged rows in memory instead of on disk; only for this transaction.
  await em.execute(`set local work_mem = '64MB'`);
  await em.execute(`select pg_advisory_xact_lock(7301, id) from unnest(?::int[]) id order by id`, [pgArray([...providerIds].sort((a, b) => a - b))]);
  // The figures in stay-type order without sorting: the reader lets at most one row per stay type through, so
  // each type is a slot of its own in a hash aggregate.
  const slots = ZN_STAY_TYPES.map((_, order) => `min(st.line) filter (where st.stay_order = ${order})`).join(', ');
  await em.execute(
    `create temp table zn_group on commit drop as
     with g as (
       select st.provider_id, st.year, st.period, count(*)::int as row_count, concat_ws(E'\\n', ${slots}) as figures
         from zn_stage st
        group by st.provider_id, st.year, st.period)
     select g.*, md5(g.figures) as hash, s.id as submission_id, s.status::text as status, s.figures_hash as old_hash, s.version as old_version,
            E'\\n' || s.figures || E'\\n' as old_figures
       from g
       left join monitoring_submission s
         on s.provider_id = g.provider_id and s.year = g.year and s.period = g.period::monitoring_period`,
  );
}

/** A staged row of a submission the import may not write, with its function, year and period. */
export interface FlaggedRow {
  row: number;
  agb: string;
  year: number;
  period: string;
  /** For MIXED: the periods stored for that function and year ("H1 and H2", or "JAAR"). */
  storedPeriod: string | null;
}

/** Submissions an import may not write: each a condition on a group g of the staged rows. */
export const Blocked = {
  /** Changes to an accepted (locked) submission. */
  LOCKED: `g.status = 'ACCEPTED' and g.old_hash <> g.hash`,
  /**
   * The file's JAAR where the database holds H1/H2 for that function and year, or the other way round: the ZN
   * rule "JAAR and H1/H2 for the same coordination function and year" held across files too, so that an export
   * (which holds everything stored) always uploads again.
   */
  MIXED: `exists (select 1 from monitoring_submission s
   where s.provider_id = g.provider_id and s.year = g.year and (s.period = 'JAAR') <> (g.period = 'JAAR'))`,
} as const;
export type Blocked = (typeof Blocked)[keyof typeof Blocked];

/** The rows of the submissions the condition blocks: the first `limit` by row, with the total. */
export async function flaggedRows(em: EntityManager, blocked: Blocked, limit: number): Promise<{ rows: FlaggedRow[]; total: number }> {
  // Usually nothing is blocked. Asking the few thousand groups first spares the usual import the row query,
  // whose plan (temporary tables have no statistics) sorts every staged row before it finds none.
  const [any] = await em.execute<{ found: boolean }[]>(`select exists (select 1 from zn_group g where ${blocked}) as found`);
  if (!any?.found) return { rows: [], total: 0 };
  const rows = await em.execute<{ row_no: number; agb: string; year: number; period: string; stored: string | null; total: string }[]>(
    `select st.row_no, p.agb, st.year, st.period,
            ${blocked === Blocked.MIXED
              ? `(select string_agg(s.period::text, ' and ' order by s.period) from monitoring_submission s
                   where s.provider_id = st.provider_id and s.year = st.year)`
              : 'null'} as stored,
            count(*) over () as total
       from zn_stage st
       join zn_group g on g.provider_id = st.provider_id and g.year = st.year and g.period = st.period
       join provider p on p.id = st.provider_id
      where ${blocked}
      order by st.row_no
      limit ?`,
    [Math.max(limit, 1)],
  );
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  return { rows: rows.slice(0, limit).map((r) => ({ row: r.row_no, agb: r.agb, year: r.year, period: r.period, storedPeriod: r.stored })), total };
}

/** Leaves the blocked submissions out of the import (REJECT_FAILED_ROWS). */
export async function dropGroups(em: EntityManager, blocked: Blocked): Promise<void> {
  await em.execute(`delete from zn_group g where ${blocked}`);
}

/**
 * Figures that change by more than `percent` against the same function, period and stay type of the year
 * before: the file's own row for that year when it has one (it replaces the stored one), else the stored
 * current version. A figure that was 0 or absent the year before has no base to compare with. When the file
 * was in order (`fileCompared`), the stream already compared the rows whose year before is in the file
 * (StreamedYearOverYear), and only the comparison with the stored figures runs here; otherwise both run here.
 * Both are hash joins over the staged rows; only the flagged rows are spread out per figure.
 */
export async function outliers(
  em: EntityManager,
  percent: number,
  limit: number,
  fileCompared: boolean,
): Promise<{ rows: Outlier[]; total: number }> {
  const columns = OUTLIER_FIGURES.map((f) => f.staged);
  const decimal = (c: string) => OUTLIER_FIGURES.some((f) => f.staged === c && f.decimal);
  const over = (value: string, previous: string, margin = '') =>
    `abs(${value} - ${previous}) * 100 > ${Number(percent)} * ${previous}${margin}`;
  // Integers compare exactly in bigint. Decimals compare exactly in numeric, which is slow; a float test with a
  // margin goes first and lets only the figures near or over the limit through to it (as changesTooMuch does).
  const judged = columns
    .map((c) =>
      decimal(c)
        ? `(p_${c}_f > 0 and ${c}_f is not null and ${over(`${c}_f`, `p_${c}_f`, ' * 0.999999')} and ${over(c, `p_${c}`)}) as x_${c}`
        : `(p_${c} > 0 and ${c} is not null and ${over(`${c}::bigint`, `p_${c}`)}) as x_${c}`,
    )
    .join(', ');
  const withFloats = (list: string[]) => [...list, ...list.filter(decimal).map((c) => `${c}_f`)];
  const current = withFloats(columns).map((c) => `st.${c}`).join(', ');
  const fromFile = withFloats(columns).map((c) => `pf.${c} as p_${c}`).join(', ');
  const stored = (column: string, type: string) => `nullif(split_part(l.line, '|', ${columns.indexOf(column) + 2}), '')::${type}`;
  const fromDatabase = [
    ...columns.map((c) => `${stored(c, decimal(c) ? 'numeric' : 'bigint')} as p_${c}`),
    ...columns.filter(decimal).map((c) => `${stored(c, 'float8')} as p_${c}_f`),
  ].join(', ');
  const values = OUTLIER_FIGURES.map((f, index) => `(${index + 1}, '${f.column}', f.${f.staged}::text, f.p_${f.staged}::text, f.x_${f.staged})`).join(', ');
  const samePrevious = `pf.k = st.k - ${PREVIOUS_YEAR}`;
  const againstDatabase = `select st.row_no, st.year, ${current}, ${fromDatabase}
         from zn_stage st
         join monitoring_submission ps
           on ps.provider_id = st.provider_id and ps.year = st.year - 1 and ps.period = st.period::monitoring_period
        cross join lateral (select line from string_to_table(ps.figures, E'\\n') line where split_part(line, '|', 1) = st.stay_type) l
        where not exists (select 1 from zn_stage pf where ${samePrevious})`;
  const compared = fileCompared
    ? againstDatabase
    : `select st.row_no, st.year, ${current}, ${fromFile}
         from zn_stage st
         join zn_stage pf on ${samePrevious}
       union all
       ${againstDatabase}`;
  // The staged rows have no statistics (temporary tables are never analysed, and ANALYZE costs more than it
  // saves), so the planner sorts both sides of the self-join for a merge join: ~200 ms of 100,000 rows where
  // a hash join takes ~90 ms. The costs of the hash plan cross jit_above_cost, and compiling the expressions
  // takes a second, far longer than evaluating them. Both settings hold for this statement only.
  await em.execute(`set local enable_mergejoin = off; set local jit = off`);
  const rows = await em.execute<{ row_no: number; year: number; col: string; new_value: string; old_value: string; total: string }[]>(
    `with compared as (
       ${compared}),
     flagged as materialized (
       select j.*, ${columns.map((c) => `x_${c}::int`).join(' + ')} as n
         from (select c.*, ${judged} from compared c) j
        where ${columns.map((c) => `x_${c}`).join(' or ')})
     select f.row_no, f.year, v.col, v.new_value, v.old_value, (select sum(n) from flagged) as total
       from (select * from flagged order by row_no limit ?) f
      cross join lateral (values ${values}) as v(ord, col, new_value, old_value, outlier)
      where v.outlier
      order by f.row_no, v.ord
      limit ?`,
    [Math.max(limit, 1), Math.max(limit, 1)],
  );
  await em.execute(`set local enable_mergejoin to default; set local jit to default`);
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  return {
    rows: rows.slice(0, limit).map((r) => ({ row: r.row_no, year: r.year, column: r.col, value: r.new_value, previous: r.old_value })),
    total,
  };
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  submissionsCreated: number;
  submissionsUpdated: number;
  submissionsUnchanged: number;
}

/**
 * What the import does, row by row against the stay types of the current versions, and per submission. Only
 * rows of submissions whose figures changed are compared one by one; the rest follow from their group.
 */
export async function countChanges(em: EntityManager): Promise<Counts> {
  const [groups] = await em.execute<Record<string, string | null>[]>(
    `select count(*) filter (where submission_id is null) as submissions_created,
            count(*) filter (where old_hash <> hash) as submissions_updated,
            count(*) filter (where old_hash = hash) as submissions_unchanged,
            sum(row_count) filter (where submission_id is null) as rows_created,
            sum(row_count) filter (where old_hash = hash) as rows_unchanged
       from zn_group`,
  );
  // The stored figures of a changed submission hold one line per stay type, each starting with the type and '|'
  // (old_figures has a line break on both ends), so two plain string searches per staged row tell whether its
  // type is stored and whether its line is stored unchanged. A hash join; see outliers for the settings.
  await em.execute(`set local enable_mergejoin = off; set local jit = off`);
  const [changed] = await em.execute<Record<string, string | null>[]>(
    `select count(*) filter (where not stored_type) as created,
            count(*) filter (where stored_type and not stored_line) as updated,
            count(*) filter (where stored_line) as unchanged
       from (
         select strpos(g.old_figures, E'\\n' || st.stay_type || '|') > 0 as stored_type,
                strpos(g.old_figures, E'\\n' || st.line || E'\\n') > 0 as stored_line
           from zn_group g
           join zn_stage st on st.provider_id = g.provider_id and st.year = g.year and st.period = g.period
          where g.old_hash <> g.hash) compared`,
  );
  await em.execute(`set local enable_mergejoin to default; set local jit to default`);
  const n = (value: string | null | undefined) => Number(value ?? 0);
  return {
    created: n(groups?.rows_created) + n(changed?.created),
    updated: n(changed?.updated),
    unchanged: n(groups?.rows_unchanged) + n(changed?.unchanged),
    submissionsCreated: n(groups?.submissions_created),
    submissionsUpdated: n(groups?.submissions_updated),
    submissionsUnchanged: n(groups?.submissions_unchanged),
  };
}

export interface Actor {
  kind: string;
  code: string;
  subject: string;
}

/**
 * Writes the new and changed submissions with their figures as the current version, moves each replaced
 * version to the version table (keeping its id), and records the status changes in their history, in one
 * statement: every part of it reads the submissions as they were before it. New figures make a submitted or
 * rejected submission a draft again, unless the upload submits them.
 */
export async function applyChanges(em: EntityManager, importId: number, submit: boolean, actor: Actor): Promise<void> {
  const newStatus = submit ? 'SUBMITTED' : 'DRAFT';
  await em.execute(
    `with superseded as (
       insert into monitoring_submission_version (id, submission_id, version, figures, figures_hash, import_id, created_at, created_by)
       select s.version_id, s.id, s.version, s.figures, s.figures_hash, s.version_import_id, s.version_created_at, s.version_created_by
         from zn_group g
         join monitoring_submission s on s.id = g.submission_id
        where g.old_hash <> g.hash),
     created as (
       insert into monitoring_submission (provider_id, year, period, status, version, version_id, figures, figures_hash,
                                          version_import_id, version_created_at, version_created_by, submitted_at, created_at, updated_at)
       select provider_id, year, period::monitoring_period, ?::monitoring_submission_status, 1, nextval('monitoring_submission_version_id_seq'),
              figures, hash, ?, now(), ?, case when ?::boolean then now() end, now(), now()
         from zn_group where submission_id is null
       returning id, version),
     changed as (
       update monitoring_submission s
          set version = s.version + 1, version_id = nextval('monitoring_submission_version_id_seq'), figures = g.figures, figures_hash = g.hash,
              version_import_id = ?, version_created_at = now(), version_created_by = ?, status = ?::monitoring_submission_status,
              submitted_at = case when ?::boolean then now() else s.submitted_at end,
              rejection_reason = null, updated_at = now()
         from zn_group g
        where s.id = g.submission_id and g.old_hash <> g.hash
       returning s.id, s.version, g.status as old_status)
     insert into monitoring_submission_event (submission_id, occurred_at, kind, from_status, to_status, version, actor_kind, actor_code, actor_subject)
     select id, now(), case when ?::boolean then 'SUBMITTED' else 'RETURNED_TO_DRAFT' end::monitoring_submission_event_kind,
            old_status::monitoring_submission_status, ?::monitoring_submission_status, version, ?::organisation_kind, ?, ?
       from (select id, version, 'DRAFT' as old_status, true as is_new from created
             union all
             select id, version, old_status, false from changed) touched
      where ?::boolean or (not is_new and old_status in ('SUBMITTED', 'REJECTED'))`,
    [
      newStatus, importId, actor.subject, submit,
      importId, actor.subject, newStatus, submit,
      submit, newStatus, actor.kind, actor.code, actor.subject, submit,
    ],
  );
}
