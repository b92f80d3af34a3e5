import type { RequestContext } from '../../core/context';
import { AuditKind, AuditOutcome } from '../../auth/audit-event.entity';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { TelemonitoringRow } from '../rules/values';
import { FHIR_BASE, MeasureReport } from './measure-report.types';
import { MeasureReportInput, buildMeasureReport } from './measure-report.builder';
import { KpiMeasurementKind } from '../kpi.enums';
import { Kpi } from '../kpi.entity';
import { KpiTarget } from '../kpi-target.entity';
import { KpiMeasurement } from '../kpi-measurement.entity';
import { KpiPeriod, periodFromStart, periodOf } from '../rules/period';
import { KpiPeriodInput } from '../kpi.inputs';
import { canSeeKpi, canSeeTarget, proposedToInsurerOf, readableValues } from '../kpi.access';
import { populationsOf } from '../kpi-measurement.service';
import { baselinePeriodOf } from '../kpi.service';

/** A FHIR Bundle of type collection: how several MeasureReports travel as one document. */
export interface MeasureReportBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: MeasureReport }[];
}

export interface ExportResult {
  bundle: MeasureReportBundle;
  /** Periods that have figures but no report, with why (a reduction whose baseline is missing). */
  skipped: string[];
}

/**
 * The target whose baseline a reduction report uses: the named insurer's, else the principal's own insurer's,
 * else the earliest agreed among those the principal may see.
 */
function baselineTarget(ctx: RequestContext, targets: KpiTarget[], insurerId: number | null): KpiTarget | null {
  const visible = targets.filter((t) => canSeeTarget(ctx, t)).sort((a, b) => a.id - b.id);
  if (insurerId !== null) return visible.find((t) => t.insurer.id === insurerId) ?? null;
  return visible.find((t) => t.insurer.id === ctx.principal.insurerId) ?? visible[0] ?? null;
}

type BaselineLookup = (kpi: Kpi, period: KpiPeriod) => Promise<KpiMeasurement | null>;

const fhirId = (provider: Provider, kpi: Kpi, label: string) => `${provider.agb}-${kpi.code}-${label}`.toLowerCase().replace(/_/g, '-');

async function reportOf(
  ctx: RequestContext,
  provider: Provider,
  kpi: Kpi,
  measurement: KpiMeasurement,
  targets: KpiTarget[],
  insurerId: number | null,
  date: string,
  baselineCount: BaselineLookup,
): Promise<{ report: MeasureReport } | { skipped: string }> {
  const period = periodFromStart(measurement.periodKind, measurement.periodStart);
  const common = { provider: { agb: provider.agb, name: provider.name }, period: { start: period.start, end: period.end }, date, id: fhirId(provider, kpi, period.label) };
  let input: MeasureReportInput;
  let baseline: { start: string; end: string; count: number } | null = null;
  if (kpi.needsBaseline) {
    const target = baselineTarget(ctx, targets.filter((t) => t.year === period.year), insurerId);
    const baselinePeriod = target ? baselinePeriodOf(target) : null;
    const count = baselinePeriod ? await baselineCount(kpi, baselinePeriod) : null;
    if (!baselinePeriod || !count) return { skipped: `${kpi.code} ${period.label}: no baseline figures of a target you may see` };
    baseline = { start: baselinePeriod.start, end: baselinePeriod.end, count: count.numerator };
  }
  switch (kpi.measurementKind) {
    case KpiMeasurementKind.HYBRID_PATHWAYS:
      input = { ...common, kpi: 'HYBRID_PATHWAYS', implemented: measurement.numerator, total: measurement.denominator! };
      break;
    case KpiMeasurementKind.PHYSICAL_CONTACTS:
      input = { ...common, kpi: 'PHYSICAL_CONTACTS_REDUCTION', current: measurement.numerator, baseline: baseline!.count, baselinePeriod: baseline! };
      break;
    case KpiMeasurementKind.TELEMONITORING: {
      const populations: TelemonitoringRow[] = (await populationsOf(ctx, measurement)).map((p) => ({
        population: p.population,
        ...(p.otherName ? { otherName: p.otherName } : {}),
        telemonitored: p.telemonitored,
        inPopulation: p.inPopulation,
      }));
      input = { ...common, kpi: 'TELEMONITORING', populations };
      break;
    }
    default:
      input = {
        ...common,
        kpi: 'CUSTOM',
        definition: { code: kpi.code, name: kpi.name, direction: kpi.direction, scoring: kpi.scoring },
        numerator: measurement.numerator,
        denominator: baseline ? baseline.count : measurement.denominator!,
        ...(baseline ? { baselinePeriod: baseline } : {}),
      };
  }
  const built = buildMeasureReport(input);
  // Stored figures passed the same rules on the way in; a failure here is a bug, not the reader's problem.
  if (!built.ok) throw new Error(`MeasureReport of stored figures failed: ${JSON.stringify(built.errors)}`);
  return { report: built.data };
}

interface Selection {
  providerAgb: string;
  year: number;
  kpiCode?: string | null;
  period?: KpiPeriodInput | null;
  insurerUzovi?: string | null;
}

/**
 * MeasureReports of a provider's current figures in a year (optionally one KPI, one period), as far as the
 * principal may read them; each read is audited.
 */
export async function exportMeasureReports(ctx: RequestContext, selection: Selection): Promise<ExportResult> {
  const date = new Date().toISOString();
  const empty: ExportResult = { bundle: { resourceType: 'Bundle', type: 'collection', timestamp: date, entry: [] }, skipped: [] };
  const provider = await ctx.em.findOne(Provider, { agb: selection.providerAgb.trim() });
  if (!provider) return empty;
  const insurer = selection.insurerUzovi ? await ctx.em.findOne(Insurer, { uzovi: selection.insurerUzovi.trim() }) : null;
  if (selection.insurerUzovi && !insurer) return empty;
  const period = selection.period ? periodOf(selection.period.kind, selection.period.year, selection.period.number) : null;
  if (typeof period === 'string') return empty;
  const measurements = await ctx.em.find(
    KpiMeasurement,
    {
      provider,
      current: true,
      ...(selection.kpiCode ? { kpi: { code: selection.kpiCode } } : {}),
      ...(period ? { periodKind: period.kind, periodStart: period.start } : { periodStart: { $gte: `${selection.year}-01-01`, $lte: `${selection.year}-12-31` } }),
    },
    { populate: ['kpi'], strategy: 'joined', orderBy: [{ kpi: { code: 'asc' } }, { periodKind: 'asc' }, { periodStart: 'asc' }] },
  );
  const kpis = [...new Map(measurements.map((m) => [m.kpi.id, m.kpi.getEntity()])).values()].filter((k) => canSeeKpi(ctx, k));
  const readable = await readableValues(
    ctx,
    kpis.map((k) => ({ providerId: provider.id, kpiId: k.id, year: selection.year, proposedToInsurerId: proposedToInsurerOf(k) })),
  );
  const allowed = new Set(kpis.filter((_, i) => readable[i]).map((k) => k.id));
  const chosen = measurements.filter((m) => allowed.has(m.kpi.id));
  const targets = chosen.some((m) => m.kpi.getEntity().needsBaseline)
    ? await ctx.em.find(KpiTarget, { provider, kpi: { $in: [...allowed] }, year: selection.year })
    : [];
  const baselines = new Map<string, Promise<KpiMeasurement | null>>();
  const baselineCount: BaselineLookup = (kpi, period) => {
    const key = `${kpi.id}:${period.kind}:${period.start}`;
    if (!baselines.has(key)) baselines.set(key, ctx.em.findOne(KpiMeasurement, { provider, kpi, periodKind: period.kind, periodStart: period.start, current: true }));
    return baselines.get(key)!;
  };
  // All at once, so the population loader batches every telemonitoring report into one statement.
  const outcomes = await Promise.all(
    chosen.map((m) => reportOf(ctx, provider, m.kpi.getEntity(), m, targets.filter((t) => t.kpi.id === m.kpi.id), insurer?.id ?? null, date, baselineCount)),
  );
  const result: ExportResult = { ...empty, skipped: [] };
  for (const outcome of outcomes) {
    if ('skipped' in outcome) result.skipped.push(outcome.skipped);
    else result.bundle.entry.push({ fullUrl: `${FHIR_BASE}/MeasureReport/${outcome.report.id}`, resource: outcome.report });
  }
  if (chosen.length > 0) {
    ctx.audit({
      kind: AuditKind.READ,
      operation: 'kpiMeasureReport',
      objectIds: chosen.map((m) => m.globalId),
      outcome: AuditOutcome.SUCCESS,
      ownerProviderIds: [provider.id],
    });
  }
  return result;
}
