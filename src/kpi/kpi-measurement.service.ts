import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { PageQuery, Page, emptyPage } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { UserErrorItem } from '../core/problems';
import { authorize } from '../auth/access-policy';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { findPage } from '../db/find-page';
import { pgArray } from '../db/pg-array';
import { Provider } from '../provider/provider.entity';
import { KpiIssue } from './rules/result';
import { KpiScoring } from './rules/catalogue';
import { PopulationSetVariant, TelemonitoringPopulation } from './rules/populations';
import { telemonitoringPercent, valueFromCounts } from './rules/values';
import { KpiMeasurementKind } from './kpi.enums';
import { BulkErrorPolicy } from '../shared/bulk-error-policy';
import { Kpi } from './kpi.entity';
import { KpiMeasurement, KpiMeasurementPopulation } from './kpi-measurement.entity';
import { KpiErrorCode as Code } from './rules/result';
import { fromIssue } from './kpi.errors';
import { KpiPeriod, KpiPeriodKind, periodOf } from './rules/period';
import { ValuesKey, canSeeKpi, proposedToInsurerOf, readableValues } from './kpi.access';
import { kpiLoaders } from './kpi.loaders';
import { kpiUsableFor } from './kpi.service';
import { today } from './rules/series';
import { KpiMeasurementFilter, KpiMeasurementInput } from './kpi.inputs';
import { findInputProblem } from '../shared/input-safety';

export const MAX_BULK_ROWS = 2000;
const MAX_NOTE = 4000;

type RowError = UserErrorItem<Code>;

/** A row that passed every check, ready to be written. */
interface CheckedRow {
  index: number;
  provider: Provider;
  kpi: Kpi;
  period: KpiPeriod;
  numerator: number;
  denominator: number | null;
  variant: PopulationSetVariant | null;
  populations: { population: TelemonitoringPopulation; otherName: string | null; telemonitored: number; inPopulation: number }[];
  note: string | null;
}

export interface RowOutcome {
  row: number;
  measurement: KpiMeasurement | null;
  errors: RowError[];
}

interface TargetSpan {
  kpi_id: number;
  year: number;
  baseline_kind: KpiPeriodKind | null;
  baseline_start: string | null;
}

export const measurementKey = (providerId: number, kpiId: number, kind: string, start: string) => `${providerId}:${kpiId}:${kind}:${start}`;

/** Which figure field each kind of KPI takes; the others must be left out. */
const FIGURE_FIELD: Record<KpiMeasurementKind, 'hybridPathways' | 'physicalContacts' | 'populations' | 'counts'> = {
  HYBRID_PATHWAYS: 'hybridPathways',
  PHYSICAL_CONTACTS: 'physicalContacts',
  TELEMONITORING: 'populations',
  COUNTS: 'counts',
};

/**
 * Checks every row against the rules of issue 5 and seed 004 with a fixed number of statements (the principal's
 * provider, the KPIs named, that provider's targets), and returns each row's errors or its checked figures.
 * Authorization comes first: only a provider's admin or submitter submits, and only its own figures.
 */
async function checkRows(ctx: RequestContext, em: EntityManager, rows: readonly KpiMeasurementInput[], prefix: (row: number) => string[]) {
  const p = ctx.principal;
  authorize(ctx, 'kpi.measurement.submit', { providerId: p.providerId });
  for (const row of rows) {
    if (row.providerAgb != null && row.providerAgb.trim() !== p.organisationCode) authorize(ctx, 'kpi.measurement.submit', { providerId: null });
  }
  const provider = await em.findOneOrFail(Provider, { id: p.providerId! });
  // The input rules the GraphQL layer applies to every argument, row by row here, so one bad row is only that row's error.
  const unsafe = rows.map((row) => findInputProblem(row, []));
  const codes = [...new Set(rows.filter((_, i) => !unsafe[i]).map((r) => r.kpiCode.trim()))];
  const kpis = new Map((await em.find(Kpi, { code: { $in: codes } })).map((k) => [k.code, k]));
  const spans = await em.execute<TargetSpan[]>(
    `select distinct kpi_id, year, baseline_kind, baseline_start from kpi_target where provider_id = ? order by year`,
    [provider.id],
  );
  const todayIso = today();
  const seen = new Map<string, number>();
  const errors: RowError[][] = rows.map(() => []);
  const checked: (CheckedRow | null)[] = rows.map(() => null);

  rows.forEach((row, index) => {
    const at = prefix(index);
    const add = (field: string[], code: Code, message: string) => errors[index].push({ field: [...at, ...field], code, message });
    const problem = unsafe[index];
    if (problem) {
      add(problem.path, Code.INVALID_INPUT, `Row ${index}: ${problem.message}`);
      return;
    }
    const kpi = kpis.get(row.kpiCode.trim());
    if (!kpi || !canSeeKpi(ctx, kpi)) {
      add(['kpiCode'], Code.UNKNOWN_KPI, `No KPI you may use has code "${row.kpiCode}".`);
      return;
    }
    if (!kpiUsableFor(kpi, provider.id)) {
      add(['kpiCode'], Code.KPI_NOT_USABLE, `${kpi.code} is your own KPI proposal and is ${kpi.status.toLowerCase()}, not approved.`);
      return;
    }
    const period = periodOf(row.period.kind, row.period.year, row.period.number);
    if (typeof period === 'string') {
      add(['period'], Code.INVALID_PERIOD, `period: ${period}`);
    } else {
      checkPeriod(kpi, period, spans, todayIso, add);
      const key = measurementKey(provider.id, kpi.id, period.kind, period.start);
      const first = seen.get(key);
      if (first !== undefined) add(['period'], Code.DUPLICATE_ROW, `Row ${index} repeats ${kpi.code} ${period.label} of row ${first}; send one row per KPI and period.`);
      else seen.set(key, index);
    }
    const note = (row.note ?? '').trim();
    if (note.length > MAX_NOTE) add(['note'], Code.TOO_LONG, `note may be at most ${MAX_NOTE} characters; it has ${note.length}.`);
    const isBaseline = typeof period !== 'string' && spans.some((s) => s.kpi_id === kpi.id && s.baseline_kind === period.kind && s.baseline_start === period.start);
    const figures = checkFigures(kpi, row, isBaseline, at);
    errors[index].push(...figures.errors);
    if (errors[index].length === 0 && figures.ok && typeof period !== 'string') {
      checked[index] = { index, provider, kpi, period, note: note === '' ? null : note, ...figures.ok };
    }
  });
  return { errors, checked };
}

function checkPeriod(
  kpi: Kpi,
  period: KpiPeriod,
  spans: readonly TargetSpan[],
  todayIso: string,
  add: (field: string[], code: Code, message: string) => void,
): void {
  if (period.end >= todayIso) {
    add(['period'], Code.PERIOD_NOT_ENDED, `${period.label} ends on ${period.end}; figures can be submitted from the day after.`);
    return;
  }
  const own = spans.filter((s) => s.kpi_id === kpi.id);
  if (own.length === 0) {
    add(['kpiCode'], Code.NO_TARGET, `No insurer has agreed a ${kpi.code} target with you yet, so there is no period to report.`);
    return;
  }
  const inYear = own.some((s) => s.year === period.year);
  const baseline = own.some((s) => s.baseline_kind === period.kind && s.baseline_start === period.start);
  if (!inYear && !baseline) {
    const years = [...new Set(own.map((s) => s.year))].join(', ');
    const baselines = own.filter((s) => s.baseline_start).map((s) => `${s.baseline_kind} from ${s.baseline_start}`);
    add(
      ['period'],
      Code.PERIOD_OUTSIDE_TARGET_YEAR,
      `${period.label} lies outside the target years of ${kpi.code} (${years})` +
        (baselines.length > 0 ? ` and is not a baseline period (${[...new Set(baselines)].join(', ')}).` : '.'),
    );
  }
}

/** The figures of a row, checked by the pure rules of the KPI's kind; exactly one figure field must be filled. */
function checkFigures(kpi: Kpi, row: KpiMeasurementInput, isBaseline: boolean, at: string[]) {
  const errors: RowError[] = [];
  const expected = FIGURE_FIELD[kpi.measurementKind];
  for (const field of Object.values(FIGURE_FIELD)) {
    const given = row[field] !== null && row[field] !== undefined;
    if (field === expected && !given) {
      errors.push({ field: [...at, field], code: Code.WRONG_FIGURES, message: `${kpi.code} takes its figures in ${field}; it is missing.` });
    } else if (field !== expected && given) {
      errors.push({ field: [...at, field], code: Code.WRONG_FIGURES, message: `${kpi.code} takes its figures in ${expected}, not in ${field}.` });
    }
  }
  if (errors.length > 0) return { errors, ok: null };
  const issues = (list: KpiIssue[], under: string[]) => list.map((issue) => fromIssue(issue, [...at, ...under]));
  switch (kpi.measurementKind) {
    case KpiMeasurementKind.HYBRID_PATHWAYS: {
      const { implemented, total } = row.hybridPathways!;
      const value = valueFromCounts(KpiScoring.PROPORTION, { numerator: implemented, denominator: total }, { numerator: 'implemented', denominator: 'total' });
      if (!value.ok) return { errors: issues(value.errors, ['hybridPathways']), ok: null };
      return { errors, ok: { numerator: implemented, denominator: total, variant: null, populations: [] } };
    }
    case KpiMeasurementKind.PHYSICAL_CONTACTS:
      return countOnly(row.physicalContacts!, ['physicalContacts'], isBaseline, at);
    case KpiMeasurementKind.TELEMONITORING: {
      const populations = row.populations!.map((p) => ({
        population: p.population as TelemonitoringPopulation,
        ...(p.otherName != null ? { otherName: p.otherName } : {}),
        telemonitored: p.telemonitored,
        inPopulation: p.inPopulation,
      }));
      const value = telemonitoringPercent({ populations });
      if (!value.ok) return { errors: issues(value.errors, []), ok: null };
      return {
        errors,
        ok: {
          numerator: value.data.numerator,
          denominator: value.data.denominator,
          variant: value.data.variant,
          populations: value.data.breakdown.map((b) => ({
            population: b.population,
            otherName: b.otherName ?? null,
            telemonitored: b.numerator,
            inPopulation: b.denominator,
          })),
        },
      };
    }
    case KpiMeasurementKind.COUNTS: {
      const { numerator, denominator } = row.counts!;
      if (kpi.scoring === KpiScoring.REDUCTION) {
        if (denominator != null) {
          return { errors: [{ field: [...at, 'counts', 'denominator'], code: Code.WRONG_FIGURES, message: `${kpi.code} is a reduction: its denominator is the baseline count, so give only the numerator.` }], ok: null };
        }
        return countOnly(numerator, ['counts', 'numerator'], isBaseline, at);
      }
      if (denominator == null) {
        return { errors: [{ field: [...at, 'counts', 'denominator'], code: Code.WRONG_FIGURES, message: `${kpi.code} is a proportion and needs its denominator.` }], ok: null };
      }
      const value = valueFromCounts(KpiScoring.PROPORTION, { numerator, denominator });
      if (!value.ok) return { errors: issues(value.errors, ['counts']), ok: null };
      return { errors, ok: { numerator, denominator, variant: null, populations: [] } };
    }
  }
}

/** A plain count: not negative, and not 0 in a baseline period, which would make every reduction undefined. */
function countOnly(count: number, field: string[], isBaseline: boolean, at: string[]) {
  if (count < 0) return { errors: [{ field: [...at, ...field], code: Code.NEGATIVE_COUNT, message: `${field.join('.')} must not be negative; got ${count}.` }], ok: null };
  if (count === 0 && isBaseline) {
    return { errors: [{ field: [...at, ...field], code: Code.BASELINE_ZERO, message: 'This is a baseline period: with 0 contacts a reduction against it is undefined.' }], ok: null };
  }
  return { errors: [] as RowError[], ok: { numerator: count, denominator: null, variant: null, populations: [] } };
}

/**
 * Writes checked rows as new versions: the current version of each period is marked superseded first (the partial
 * unique index allows one current version), then the new ones are inserted, populations with them.
 */
async function writeRows(em: EntityManager, rows: readonly CheckedRow[], subject: string): Promise<KpiMeasurement[]> {
  if (rows.length === 0) return [];
  const current = await em.execute<{ id: number; provider_id: number; kpi_id: number; period_kind: string; period_start: string; version: number }[]>(
    `select m.id, m.provider_id, m.kpi_id, m.period_kind, m.period_start, m.version
       from unnest(?::int[], ?::int[], ?::text[], ?::date[]) as k(provider_id, kpi_id, period_kind, period_start)
       join kpi_measurement m on m.provider_id = k.provider_id and m.kpi_id = k.kpi_id
        and m.period_kind::text = k.period_kind and m.period_start = k.period_start and m.current
        for update of m`,
    [pgArray(rows.map((r) => r.provider.id)), pgArray(rows.map((r) => r.kpi.id)), pgArray(rows.map((r) => r.period.kind)), pgArray(rows.map((r) => r.period.start))],
  );
  const versions = new Map(current.map((c) => [measurementKey(c.provider_id, c.kpi_id, c.period_kind, c.period_start), Number(c.version)]));
  if (current.length > 0) {
    await em.execute(`update kpi_measurement set current = false, superseded_at = now(), updated_at = now() where id = any(?::int[])`, [pgArray(current.map((c) => c.id))]);
  }
  const created = rows.map((row) => {
    const previous = versions.get(measurementKey(row.provider.id, row.kpi.id, row.period.kind, row.period.start)) ?? 0;
    const measurement = em.create(KpiMeasurement, {
      provider: row.provider,
      kpi: row.kpi,
      periodKind: row.period.kind,
      periodStart: row.period.start,
      periodEnd: row.period.end,
      version: previous + 1,
      current: true,
      numerator: row.numerator,
      denominator: row.denominator,
      variant: row.variant,
      note: row.note,
      submittedBy: subject,
      supersededAt: null,
    });
    row.populations.forEach((population, position) => em.create(KpiMeasurementPopulation, { measurement, position, ...population }));
    return measurement;
  });
  await em.flush();
  return created;
}

const concurrent = (): UserErrorItem<Code> => ({
  field: [],
  code: Code.CONCURRENT_CHANGE,
  message: 'The same period was submitted by someone else at the same moment; nothing was written. Submit again.',
});

/** One measurement; a period that has figures already gets a new version (a correction). */
export async function submitMeasurement(ctx: RequestContext, input: KpiMeasurementInput): Promise<MutationOutcome<KpiMeasurement>> {
  const { errors, checked } = await checkRows(ctx, ctx.em, [input], () => []);
  if (errors[0].length > 0) return { result: null, userErrors: errors[0] };
  const outcome = await runMutation(ctx, async (em) => (await writeRows(em, [checked[0]!], ctx.principal.subject))[0], concurrent);
  return outcome;
}

export interface BulkOutcome {
  results: RowOutcome[];
  userErrors: RowError[];
}

/**
 * Many measurements in one transaction. ALL_OR_NOTHING writes nothing when any row is wrong; REJECT_FAILED_ROWS
 * writes the good rows. Either way every error comes back with its row (`field` starts with rows, index).
 */
export async function submitMeasurements(ctx: RequestContext, rows: readonly KpiMeasurementInput[], policy: BulkErrorPolicy): Promise<BulkOutcome> {
  authorize(ctx, 'kpi.measurement.submit', { providerId: ctx.principal.providerId });
  if (rows.length > MAX_BULK_ROWS || rows.length === 0) {
    const message = rows.length === 0 ? 'Send at least one row.' : `A bulk submission holds at most ${MAX_BULK_ROWS} rows; got ${rows.length}. Split it.`;
    return { results: [], userErrors: [{ field: ['rows'], code: rows.length === 0 ? Code.REQUIRED : Code.TOO_MANY_ROWS, message }] };
  }
  const { errors, checked } = await checkRows(ctx, ctx.em, rows, (row) => ['rows', String(row)]);
  const allErrors = errors.flat();
  const results: RowOutcome[] = rows.map((_, row) => ({ row, measurement: null, errors: errors[row] }));
  if (policy === BulkErrorPolicy.ALL_OR_NOTHING && allErrors.length > 0) return { results, userErrors: allErrors };
  const good = checked.filter((row): row is CheckedRow => row !== null);
  const written = await runMutation(ctx, (em) => writeRows(em, good, ctx.principal.subject), concurrent);
  if (!written.result) {
    const failure = written.userErrors as RowError[];
    return { results: results.map((r) => ({ ...r, errors: r.errors.length > 0 ? r.errors : failure })), userErrors: [...allErrors, ...failure] };
  }
  good.forEach((row, i) => (results[row.index].measurement = written.result![i]));
  return { results, userErrors: allErrors };
}

// ---------------------------------------------------------------------------------------------------------------
// Reads.

function keyOfMeasurement(m: KpiMeasurement, kpi: Kpi): ValuesKey {
  return {
    providerId: m.provider.id,
    kpiId: kpi.id,
    year: Number(m.periodStart.slice(0, 4)),
    proposedToInsurerId: proposedToInsurerOf(kpi),
  };
}

export function auditMeasurements(ctx: RequestContext, operation: string, rows: readonly KpiMeasurement[]): void {
  if (rows.length === 0) return;
  ctx.audit({
    kind: AuditKind.READ,
    operation,
    objectIds: rows.map((m) => m.globalId),
    outcome: AuditOutcome.SUCCESS,
    ownerProviderIds: rows.map((m) => m.provider.id),
  });
}

/**
 * A provider's measurements that the principal may read. Visibility is decided per KPI and year (the unit the
 * policy speaks of) before paging, so pages and totalCount never include what the principal may not see.
 */
export async function listMeasurements(ctx: RequestContext, filter: KpiMeasurementFilter, page: PageQuery): Promise<Page<KpiMeasurement>> {
  const provider = await ctx.em.findOne(Provider, { agb: filter.providerAgb.trim() });
  const none: Page<KpiMeasurement> = emptyPage();
  if (!provider) return none;
  const where: FilterQuery<KpiMeasurement> = { provider };
  if (!filter.includeSuperseded) where.current = true;
  if (filter.kpiCode) where.kpi = { code: filter.kpiCode };
  if (filter.periodKind) where.periodKind = filter.periodKind;
  if (filter.year != null) Object.assign(where, { periodStart: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } });
  const combos = await ctx.em.execute<{ kpi_id: number; year: number }[]>(
    `select distinct kpi_id, extract(year from period_start)::int as year from kpi_measurement where provider_id = ?`,
    [provider.id],
  );
  const kpis = new Map((await ctx.em.find(Kpi, { id: { $in: [...new Set(combos.map((c) => c.kpi_id))] } })).map((k) => [k.id, k]));
  const keys: ValuesKey[] = combos.map((c) => ({ providerId: provider.id, kpiId: c.kpi_id, year: c.year, proposedToInsurerId: proposedToInsurerOf(kpis.get(c.kpi_id)!) }));
  const readable = await readableValues(ctx, keys);
  const allowed = keys.filter((_, i) => readable[i]);
  if (allowed.length === 0) return none;
  const visibility: FilterQuery<KpiMeasurement>[] = allowed.map((k) => ({
    kpi: k.kpiId,
    periodStart: { $gte: `${k.year}-01-01`, $lte: `${k.year}-12-31` },
  }));
  const result = await findPage(ctx, KpiMeasurement, { $and: [where, { $or: visibility }] }, [{ periodStart: 'asc' }, { periodKind: 'asc' }, { kpi: 'asc' }, { version: 'asc' }], page);
  auditMeasurements(ctx, 'kpiMeasurements', result.items);
  return result;
}

export async function measurementsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(KpiMeasurement | null)[]> {
  const rows = await ctx.em.find(KpiMeasurement, { id: { $in: [...ids] } }, { populate: ['kpi'], strategy: 'joined' });
  const readable = await readableValues(ctx, rows.map((m) => keyOfMeasurement(m, m.kpi.getEntity())));
  const visible = rows.filter((_, i) => readable[i]);
  auditMeasurements(ctx, 'node', visible);
  const byId = new Map(visible.map((m) => [m.id, m]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** All versions of a measurement's period, oldest first; batched over every measurement asked for. */
export function historyOf(ctx: RequestContext, measurement: KpiMeasurement): Promise<KpiMeasurement[]> {
  return kpiLoaders.history.of(ctx).load(measurement);
}

/** The populations of telemonitoring measurements in the order submitted; one statement for any number. */
export function populationsOf(ctx: RequestContext, measurement: KpiMeasurement): Promise<KpiMeasurementPopulation[]> {
  return kpiLoaders.populations.of(ctx).load(measurement.id);
}
