import type { EntityManager } from '@mikro-orm/postgresql';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { Segment } from '../segment/segment.entity';
import { CeilingKind, Contract, ContractStatus, TariffBasis } from '../contract/contract.entity';
import { KPI_CATALOGUE, KpiCode } from './rules/catalogue';
import { PopulationSetVariant, TelemonitoringPopulation } from './rules/populations';
import { KpiDefinitionStatus, KpiMeasurementKind, ObligationSource } from './kpi.enums';
import { Kpi } from './kpi.entity';
import { KpiTarget } from './kpi-target.entity';
import { KpiMeasurement, KpiMeasurementPopulation } from './kpi-measurement.entity';
import { KpiPeriodKind, periodOf } from './rules/period';
import { KPI_PROVIDER_KINDS, derive } from './kpi.service';

const MEASUREMENT_KIND: Record<KpiCode, KpiMeasurementKind> = {
  HYBRID_PATHWAYS: KpiMeasurementKind.HYBRID_PATHWAYS,
  PHYSICAL_CONTACTS_REDUCTION: KpiMeasurementKind.PHYSICAL_CONTACTS,
  TELEMONITORING: KpiMeasurementKind.TELEMONITORING,
};

const COUNTS: Record<KpiCode, [string, string]> = {
  HYBRID_PATHWAYS: ['Care pathways with hybrid care implemented.', 'All care pathways of the hospital.'],
  PHYSICAL_CONTACTS_REDUCTION: [
    'Physical outpatient contacts and consults in the measured period.',
    'Physical outpatient contacts and consults in the baseline period of the target, pro-rated to the measured period.',
  ],
  TELEMONITORING: ['Telemonitored patients in the chosen populations.', 'Patients in the chosen populations.'],
};

/** The KPI catalogue of seed 004 as data (reference data, not demo). */
export async function seedKpiCatalogue(em: EntityManager): Promise<void> {
  for (const definition of KPI_CATALOGUE) {
    em.create(Kpi, {
      code: definition.code,
      name: definition.name,
      description: definition.description,
      unit: definition.unit,
      direction: definition.direction,
      scoring: definition.scoring,
      measurementKind: MEASUREMENT_KIND[definition.code],
      targetValue: definition.targetValue,
      targetDate: definition.targetDate,
      needsBaseline: definition.needsBaseline,
      source: definition.source,
      status: KpiDefinitionStatus.CATALOGUE,
      numeratorDescription: COUNTS[definition.code][0],
      denominatorDescription: COUNTS[definition.code][1],
      proposedBy: null,
      proposedTo: null,
      proposalYear: null,
      reviewReason: null,
      reviewedAt: null,
    });
  }
  await em.flush();
}

/** A small deterministic spread (0 to range - 1) so the demo figures differ per hospital and month. */
function spread(seed: number, range: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return Math.floor((x - Math.floor(x)) * range);
}

const DEMO_SUBJECT = 'seed (DEMO)';

/**
 * DEMO: Zilveren Kruis agrees the three seed-004 KPIs with the demo hospitals and independent clinics for 2024 and
 * 2025 (obligations derived by the rule: result at its core-region hospitals from 2025), under a signed one-year MSZ
 * contract for each year (added only where none covers the year), and the providers report monthly figures for 2024 and the first half of 2025,
 * with the 2023 baseline year of physical contacts. Enough for the demo dashboard to show every status.
 */
export async function seedKpiDemo(em: EntityManager): Promise<void> {
  const insurer = await em.findOne(Insurer, { uzovi: '3311' });
  const segment = await em.findOne(Segment, { code: 'MSZ' });
  if (!insurer || !segment) return;
  const providers = await em.find(Provider, { kind: { $in: [...KPI_PROVIDER_KINDS] } }, { orderBy: { agb: 'asc' } });
  const kpis = new Map((await em.find(Kpi, { status: KpiDefinitionStatus.CATALOGUE })).map((k) => [k.code as KpiCode, k]));
  const baseline = periodOf(KpiPeriodKind.YEAR, 2023, null);
  if (typeof baseline === 'string') throw new Error(baseline);

  for (const [index, provider] of providers.entries()) {
    // The MSZ 2024 policy contracts for one year (seed 004): one signed contract per year, each with its own ceiling.
    for (const year of [2024, 2025]) {
      const covered = await em.count(Contract, { insurer, provider, segment, status: { $ne: ContractStatus.TERMINATED }, termStart: { $lte: `${year}-12-31` }, termEnd: { $gte: `${year}-01-01` } });
      if (covered > 0) continue;
      em.create(Contract, {
        insurer,
        provider,
        segment,
        agreement: null,
        termStart: `${year}-01-01`,
        termEnd: `${year}-12-31`,
        status: ContractStatus.SIGNED,
        tariffBasis: TariffBasis.PRICE_VOLUME,
        ceilingKind: CeilingKind.REVENUE_CEILING,
        ceilingAmount: String(40_000_000 + spread(index, 80) * 1_000_000 + (year - 2024) * 1_200_000) + '.00',
        obligations: `DEMO: MSZ contract ${year} (one year, as the MSZ 2024 policy says) with the hybrid-care KPI targets of seed 004.`,
      });
    }
    for (const year of [2024, 2025]) {
      const decision = await derive(em, insurer.id, provider, year);
      for (const kpi of kpis.values()) {
        em.create(KpiTarget, {
          insurer,
          provider,
          kpi,
          year,
          targetValue: kpi.targetValue,
          targetDate: `${year}-12-31`,
          baselineKind: kpi.needsBaseline ? baseline.kind : null,
          baselineStart: kpi.needsBaseline ? baseline.start : null,
          baselineEnd: kpi.needsBaseline ? baseline.end : null,
          obligation: decision.obligation,
          derivedObligation: decision.obligation,
          derivedReason: decision.reason,
          obligationSource: ObligationSource.DERIVED,
          overrideReason: null,
          changedBy: DEMO_SUBJECT,
        });
      }
    }
    seedDemoFigures(em, provider, index, kpis, baseline.start, baseline.end);
  }
  await em.flush();
}

function measurement(em: EntityManager, provider: Provider, kpi: Kpi, kind: KpiPeriodKind, start: string, end: string, numerator: number, denominator: number | null, variant: PopulationSetVariant | null = null) {
  return em.create(KpiMeasurement, {
    provider,
    kpi,
    periodKind: kind,
    periodStart: start,
    periodEnd: end,
    version: 1,
    current: true,
    numerator,
    denominator,
    variant,
    note: null,
    submittedBy: DEMO_SUBJECT,
    supersededAt: null,
  });
}

function seedDemoFigures(em: EntityManager, provider: Provider, index: number, kpis: Map<KpiCode, Kpi>, baselineStart: string, baselineEnd: string): void {
  // Each provider has its own pace: where it ends at month 18 (June 2025), in tenths of a percent.
  const hybridGoal = 150 + spread(index + 1, 250);
  const reductionGoal = 120 + spread(index + 2, 300);
  const teleGoal = 90 + spread(index + 3, 250);
  const pathways = 40 + spread(index + 4, 80);
  const yearlyContacts = 120_000 + spread(index + 5, 280) * 1000;
  measurement(em, provider, kpis.get('PHYSICAL_CONTACTS_REDUCTION')!, KpiPeriodKind.YEAR, baselineStart, baselineEnd, yearlyContacts, null);
  const variantII = index % 3 === 2;
  const populations: { population: TelemonitoringPopulation; otherName: string | null; size: number }[] = [
    { population: 'HEART_FAILURE', otherName: null, size: 600 + spread(index + 6, 900) },
    { population: 'COPD', otherName: null, size: 500 + spread(index + 7, 800) },
    variantII
      ? { population: 'ATRIAL_FIBRILLATION', otherName: null, size: 700 + spread(index + 8, 600) }
      : { population: 'IBD', otherName: null, size: 300 + spread(index + 8, 500) },
  ];
  for (let step = 0; step < 18; step += 1) {
    const year = 2024 + Math.floor(step / 12);
    const period = periodOf(KpiPeriodKind.MONTH, year, (step % 12) + 1);
    if (typeof period === 'string') throw new Error(period);
    const progress = (goal: number) => Math.max(0, Math.round((goal * (step + 1)) / 18) + spread(index * 31 + step, 21) - 10);
    const implemented = Math.min(pathways, Math.round((pathways * progress(hybridGoal)) / 1000));
    measurement(em, provider, kpis.get('HYBRID_PATHWAYS')!, KpiPeriodKind.MONTH, period.start, period.end, implemented, pathways);
    const contacts = Math.round((yearlyContacts / 12) * (1 - progress(reductionGoal) / 1000));
    measurement(em, provider, kpis.get('PHYSICAL_CONTACTS_REDUCTION')!, KpiPeriodKind.MONTH, period.start, period.end, contacts, null);
    const rows = populations.map((p) => ({ ...p, telemonitored: Math.min(p.size, Math.round((p.size * progress(teleGoal)) / 1000)) }));
    const tele = measurement(
      em,
      provider,
      kpis.get('TELEMONITORING')!,
      KpiPeriodKind.MONTH,
      period.start,
      period.end,
      rows.reduce((sum, r) => sum + r.telemonitored, 0),
      rows.reduce((sum, r) => sum + r.size, 0),
      variantII ? 'VARIANT_II' : 'VARIANT_I',
    );
    rows.forEach((r, position) =>
      em.create(KpiMeasurementPopulation, { measurement: tele, position, population: r.population, otherName: r.otherName, telemonitored: r.telemonitored, inPopulation: r.size }),
    );
  }
}

