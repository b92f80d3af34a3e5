import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { BY_ID, pageList } from '../core/paging';
import { PageArgs, SyncPageArgs, replacedBy, toConnection } from '../graphql/connection';
import { describeOperation } from '../auth/access-policy';
import { registerNodeType } from '../graphql/node-registry';
import { DateScalar, DecimalScalar, JSONObjectScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { KpiScoring } from './rules/catalogue';
import { valueFromCounts } from './rules/values';
import { KpiPeriodKind, periodFromStart } from './rules/period';
import { chosenBulkErrorPolicy } from '../shared/bulk-error-policy';
import { Kpi } from './kpi.entity';
import { KpiTarget } from './kpi-target.entity';
import { KpiMeasurement, KpiMeasurementPopulation } from './kpi-measurement.entity';
import { KpiPeriodType, KpiProgressType, KpiSeriesPointType } from './kpi.types';
import * as service from './kpi.service';
import * as measurements from './kpi-measurement.service';
import { exportMeasureReports } from './fhir/kpi-export.service';
import {
  KpiFilter,
  KpiMeasurementFilter,
  KpiMeasurementInput,
  KpiMeasurementsSubmitInput,
  KpiPeriodInput,
  KpiProposalCreateInput,
  KpiProposalReviewInput,
  KpiTargetCreateInput,
  KpiTargetFilter,
  KpiTargetUpdateInput,
} from './kpi.inputs';
import {
  KpiConnection,
  KpiMeasureReportExport,
  KpiMeasurementConnection,
  KpiMeasurementPayload,
  KpiMeasurementsSubmitPayload,
  KpiPayload,
  KpiTargetConnection,
  KpiTargetPayload,
} from './kpi.payloads';

registerNodeType('Kpi', service.kpisByIds);
registerNodeType('KpiTarget', service.targetsByIds);
registerNodeType('KpiMeasurement', measurements.measurementsByIds);

@Resolver(() => Kpi)
export class KpiResolver {
  @Query(() => KpiConnection, {
    description:
      describeOperation('KPIs: the catalogue of seed 004, and the KPIs hospitals proposed; a proposal is listed only for its provider, the insurer it was proposed to, and operator admins.', 'reference.read'),
  })
  async kpis(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => KpiFilter, { nullable: true, description: 'Conditions the KPIs must meet.' }) filter: KpiFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listKpis(ctx, filter, page));
  }

  @Query(() => Kpi, {
    nullable: true,
    description: describeOperation('The KPI with this code, or null; a proposal only for its provider, its insurer and operator admins.', 'reference.read'),
  })
  kpi(@Arg('code', () => String, { description: 'KPI code, e.g. TELEMONITORING.' }) code: string, @Ctx() ctx: RequestContext) {
    return service.kpiByCode(ctx, code);
  }

  @FieldResolver(() => Boolean, { description: "Whether this is a hospital's own KPI rather than one of the catalogue." })
  custom(@Root() kpi: Kpi) {
    return kpi.custom;
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'The hospital that proposed the KPI; null for a catalogue KPI.' })
  proposedBy(@Root() kpi: Kpi) {
    return kpi.proposedBy ? kpi.proposedBy.load() : null;
  }

  @FieldResolver(() => Insurer, { nullable: true, description: 'The insurer the KPI was proposed to, which reviews it; null for a catalogue KPI.' })
  proposedTo(@Root() kpi: Kpi) {
    return kpi.proposedTo ? kpi.proposedTo.load() : null;
  }

  @Mutation(() => KpiPayload, {
    description: describeOperation("Proposes a hospital's own KPI to an insurer (seed 004 invites such proposals).", 'kpi.proposal.create'),
  })
  async kpiProposalCreate(@Arg('input', () => KpiProposalCreateInput, { description: 'The proposed KPI.' }) input: KpiProposalCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createProposal(ctx, input);
    return { kpi: result, userErrors };
  }

  @Mutation(() => KpiPayload, {
    description:
      describeOperation('Approves or rejects (with a reason) a KPI proposed to your insurer.', 'kpi.proposal.review'),
  })
  async kpiProposalReview(@Arg('input', () => KpiProposalReviewInput, { description: 'The decision.' }) input: KpiProposalReviewInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.reviewProposal(ctx, input);
    return { kpi: result, userErrors };
  }
}

@Resolver(() => KpiTarget)
export class KpiTargetResolver {
  @Query(() => KpiTargetConnection, {
    description: describeOperation("KPI targets you may see, newest year first.", 'kpi.target.read'),
  })
  async kpiTargets(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => KpiTargetFilter, { nullable: true, description: 'Conditions the targets must meet.' }) filter: KpiTargetFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listTargets(ctx, filter, page));
  }

  @FieldResolver(() => Insurer, { description: 'The insurer that agreed the target.' })
  insurer(@Root() target: KpiTarget) {
    return target.insurer.load();
  }

  @FieldResolver(() => Provider, { description: 'The hospital or independent clinic.' })
  provider(@Root() target: KpiTarget) {
    return target.provider.load();
  }

  @FieldResolver(() => Kpi, { description: 'The KPI.' })
  kpi(@Root() target: KpiTarget) {
    return target.kpi.load();
  }

  @FieldResolver(() => KpiPeriodType, { nullable: true, description: 'The baseline period a reduction is measured against; null for other KPIs.' })
  baselinePeriod(@Root() target: KpiTarget) {
    return service.baselinePeriodOf(target);
  }

  @FieldResolver(() => KpiProgressType, { description: 'Where the target stands: latest value, attainment, trend and status (rule in README).' })
  progress(
    @Root() target: KpiTarget,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to judge on; today when omitted.' }) asOf: string | null,
    @Arg('periodKind', () => KpiPeriodKind, { nullable: true, description: 'Which measurements to use; the finest kind submitted when omitted.' }) periodKind: KpiPeriodKind | null,
    @Ctx() ctx: RequestContext,
  ) {
    return service.targetProgress(ctx, target, asOf, periodKind);
  }

  @FieldResolver(() => [KpiSeriesPointType], { description: 'The values per period of the target year, oldest first (the trend over periods).' })
  series(
    @Root() target: KpiTarget,
    @Arg('periodKind', () => KpiPeriodKind, { nullable: true, description: 'Which measurements to use; the finest kind submitted when omitted.' }) periodKind: KpiPeriodKind | null,
    @Ctx() ctx: RequestContext,
  ) {
    return service.targetSeries(ctx, target, periodKind);
  }

  @Mutation(() => KpiTargetPayload, {
    description:
      describeOperation("Agrees a KPI target with a provider for a year; the obligation is derived by the seed-004 rule unless overridden with a reason.", 'kpi.target.write'),
  })
  async kpiTargetCreate(@Arg('input', () => KpiTargetCreateInput, { description: 'The new target.' }) input: KpiTargetCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createTarget(ctx, input);
    return { kpiTarget: result, userErrors };
  }

  @Mutation(() => KpiTargetPayload, {
    description: describeOperation("Changes a KPI target.", 'kpi.target.write'),
  })
  async kpiTargetUpdate(@Arg('input', () => KpiTargetUpdateInput, { description: 'The changes.' }) input: KpiTargetUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateTarget(ctx, input);
    return { kpiTarget: result, userErrors };
  }
}

@Resolver(() => KpiMeasurement)
export class KpiMeasurementResolver {
  @Query(() => KpiMeasurementConnection, {
    description:
      describeOperation("A provider's KPI measurements, in period order; other figures are left out.", 'kpi.measurement.read'),
  })
  async kpiMeasurements(
    @Arg('filter', () => KpiMeasurementFilter, { description: 'Which provider and measurements.' }) filter: KpiMeasurementFilter,
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await measurements.listMeasurements(ctx, filter, page));
  }

  @Query(() => JSONObjectScalar, {
    nullable: true,
    description:
      describeOperation('The FHIR R4 MeasureReport of one provider, KPI and period, or null when there are no figures you may read.', 'kpi.measurement.read'),
  })
  async kpiMeasureReport(
    @Arg('providerAgb', () => String, { description: 'AGB code of the provider.' }) providerAgb: string,
    @Arg('kpiCode', () => String, { description: 'Code of the KPI.' }) kpiCode: string,
    @Arg('period', () => KpiPeriodInput, { description: 'The period.' }) period: KpiPeriodInput,
    @Arg('insurerUzovi', () => String, { nullable: true, description: "For a reduction: whose target's baseline to use; your own insurer's, else the earliest you may see, when omitted." })
    insurerUzovi: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const result = await exportMeasureReports(ctx, { providerAgb, kpiCode, period, year: period.year, insurerUzovi });
    return result.bundle.entry[0]?.resource ?? null;
  }

  @Query(() => KpiMeasureReportExport, {
    description:
      describeOperation("A provider's current KPI results of a year as FHIR R4 MeasureReports, one per KPI and period, in a Bundle; other figures are left out.", 'kpi.measurement.read'),
  })
  async kpiMeasureReports(
    @Arg('providerAgb', () => String, { description: 'AGB code of the provider.' }) providerAgb: string,
    @Arg('year', () => Int, { description: 'The year.' }) year: number,
    @Arg('kpiCode', () => String, { nullable: true, description: 'Only this KPI.' }) kpiCode: string | null,
    @Arg('insurerUzovi', () => String, { nullable: true, description: "For reductions: whose target's baseline to use." }) insurerUzovi: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const result = await exportMeasureReports(ctx, { providerAgb, year, kpiCode, insurerUzovi });
    return { bundle: result.bundle, reportCount: result.bundle.entry.length, skipped: result.skipped };
  }

  @FieldResolver(() => Provider, { description: 'The provider the figures are of.' })
  provider(@Root() measurement: KpiMeasurement) {
    return measurement.provider.load();
  }

  @FieldResolver(() => Kpi, { description: 'The KPI.' })
  kpi(@Root() measurement: KpiMeasurement) {
    return measurement.kpi.load();
  }

  @FieldResolver(() => KpiPeriodType, { description: 'The period the figures are for.' })
  period(@Root() measurement: KpiMeasurement) {
    return periodFromStart(measurement.periodKind, measurement.periodStart);
  }

  @FieldResolver(() => Date, { description: 'When this version was submitted.' })
  submittedAt(@Root() measurement: KpiMeasurement) {
    return measurement.createdAt;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: "The value in percent for a proportion KPI; null for a reduction, whose value depends on a target's baseline (see KpiTarget.progress and the dashboard).",
  })
  async value(@Root() measurement: KpiMeasurement) {
    const kpi = await measurement.kpi.load();
    if (kpi!.scoring !== KpiScoring.PROPORTION || measurement.denominator === null) return null;
    const value = valueFromCounts(KpiScoring.PROPORTION, { numerator: measurement.numerator, denominator: measurement.denominator });
    return value.ok ? value.data.value : null;
  }

  @FieldResolver(() => [KpiMeasurementPopulation], { description: 'TELEMONITORING: the figures per population, in the order submitted; empty for other KPIs.' })
  populations(@Root() measurement: KpiMeasurement, @Ctx() ctx: RequestContext) {
    return measurements.populationsOf(ctx, measurement);
  }

  @FieldResolver(() => [KpiMeasurement], {
    description: 'Every version of this period, oldest first, this one included: the correction history.',
    deprecationReason: replacedBy('historyConnection'),
  })
  history(@Root() measurement: KpiMeasurement, @Ctx() ctx: RequestContext) {
    return measurements.historyOf(ctx, measurement);
  }

  @FieldResolver(() => KpiMeasurementConnection, { description: 'Every version of this period, oldest first, this one included: the correction history.' })
  async historyConnection(@Root() measurement: KpiMeasurement, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const all = await measurements.historyOf(ctx, measurement);
    return toConnection(pageList(all, 'KpiMeasurement.history', [{ of: (m) => m.version, type: 'number' }, BY_ID], page, ctx.config.limits));
  }

  @Mutation(() => KpiMeasurementPayload, {
    description: describeOperation('Submits the figures of one KPI and period; figures for a period that has some already become a new version (a correction).', 'kpi.measurement.submit'),
  })
  async kpiMeasurementSubmit(@Arg('input', () => KpiMeasurementInput, { description: 'The figures.' }) input: KpiMeasurementInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await measurements.submitMeasurement(ctx, input);
    return { kpiMeasurement: result, userErrors };
  }

  @Mutation(() => KpiMeasurementsSubmitPayload, {
    description: describeOperation('Submits many measurements at once, all or nothing or rejecting only the wrong rows; every error comes with its row.', 'kpi.measurement.submit'),
  })
  async kpiMeasurementsSubmit(@Arg('input', () => KpiMeasurementsSubmitInput, { description: 'The rows and the error policy.' }) input: KpiMeasurementsSubmitInput, @Ctx() ctx: RequestContext) {
    const { results, userErrors } = await measurements.submitMeasurements(ctx, input.rows, chosenBulkErrorPolicy(input.rowErrorPolicy, input.errorPolicy));
    const accepted = results.filter((r) => r.measurement !== null).length;
    return {
      acceptedCount: accepted,
      rejectedCount: input.rows.length - accepted,
      results: results.map((r) => ({ row: r.row, kpiMeasurement: r.measurement, errors: r.errors })),
      userErrors,
    };
  }
}
