import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { Factory } from './index';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Provider, ProviderKind } from '../../src/provider/provider.entity';
import { Region } from '../../src/region/region.entity';
import { Segment } from '../../src/segment/segment.entity';
import { CeilingKind, Contract, ContractStatus, TariffBasis } from '../../src/contract/contract.entity';
import { Kpi } from '../../src/kpi/kpi.entity';
import { KpiTarget } from '../../src/kpi/kpi-target.entity';
import { KpiMeasurement, KpiMeasurementPopulation } from '../../src/kpi/kpi-measurement.entity';
import { ObligationSource } from '../../src/kpi/kpi.enums';
import { KpiPeriodKind, periodOf } from '../../src/kpi/rules/period';
import { encodeGlobalId } from '../../src/core/global-id';
import type { TelemonitoringPopulation } from '../../src/kpi/rules/populations';

export const gid = (type: string, id: number) => encodeGlobalId(type, id);

export interface PeriodSpec {
  kind: KpiPeriodKind | `${KpiPeriodKind}`;
  year: number;
  number?: number | null;
}

/**
 * KPI fixtures written straight through the ORM for the "given" part of a test: contracts (another branch owns
 * their mutations), targets and measurements. The behaviour under test always goes through the API.
 */
export class KpiFactory {
  readonly base: Factory;

  constructor(private readonly orm: MikroORM) {
    this.base = new Factory(orm);
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** A signed contract covering the given years (MSZ unless told otherwise). */
  async contract(insurer: Insurer, provider: Provider, firstYear: number, lastYear = firstYear, status = ContractStatus.SIGNED): Promise<Contract> {
    const em = this.em();
    const segment = await em.findOneOrFail(Segment, { code: 'MSZ' });
    const contract = em.create(Contract, {
      insurer: em.getReference(Insurer, insurer.id),
      provider: em.getReference(Provider, provider.id),
      segment,
      agreement: null,
      termStart: `${firstYear}-01-01`,
      termEnd: `${lastYear}-12-31`,
      status,
      tariffBasis: TariffBasis.PRICE_VOLUME,
      ceilingKind: CeilingKind.NONE,
      ceilingAmount: null,
      obligations: '',
    });
    await em.flush();
    return contract;
  }

  async hospital(region: Region | null = null, kind: ProviderKind = ProviderKind.HOSPITAL): Promise<Provider> {
    return this.base.provider({ region, kind });
  }

  async kpi(code: string): Promise<Kpi> {
    return this.em().findOneOrFail(Kpi, { code });
  }

  /** A target as the API would store it (derived best effort unless told otherwise). */
  async target(
    insurer: Insurer,
    provider: Provider,
    code: string,
    year: number,
    options: { targetValue?: string; targetDate?: string; baseline?: PeriodSpec; obligation?: 'BEST_EFFORT' | 'RESULT' } = {},
  ): Promise<KpiTarget> {
    const em = this.em();
    const kpi = await em.findOneOrFail(Kpi, { code });
    const baseline = options.baseline ? periodOf(options.baseline.kind as KpiPeriodKind, options.baseline.year, options.baseline.number ?? null) : null;
    if (typeof baseline === 'string') throw new Error(baseline);
    const obligation = options.obligation ?? 'BEST_EFFORT';
    const target = em.create(KpiTarget, {
      insurer: em.getReference(Insurer, insurer.id),
      provider: em.getReference(Provider, provider.id),
      kpi,
      year,
      targetValue: options.targetValue ?? kpi.targetValue,
      targetDate: options.targetDate ?? `${year}-12-31`,
      baselineKind: baseline?.kind ?? null,
      baselineStart: baseline?.start ?? null,
      baselineEnd: baseline?.end ?? null,
      obligation,
      derivedObligation: obligation,
      derivedReason: 'test fixture',
      obligationSource: ObligationSource.DERIVED,
      overrideReason: null,
      changedBy: 'test',
    });
    await em.flush();
    return target;
  }

  /** A current measurement (version 1 unless told otherwise), with telemonitoring populations when given. */
  async measurement(
    provider: Provider,
    code: string,
    period: PeriodSpec,
    numerator: number,
    denominator: number | null,
    options: { populations?: { population: TelemonitoringPopulation; telemonitored: number; inPopulation: number; otherName?: string }[] } = {},
  ): Promise<KpiMeasurement> {
    const em = this.em();
    const kpi = await em.findOneOrFail(Kpi, { code });
    const resolved = periodOf(period.kind as KpiPeriodKind, period.year, period.number ?? null);
    if (typeof resolved === 'string') throw new Error(resolved);
    const measurement = em.create(KpiMeasurement, {
      provider: em.getReference(Provider, provider.id),
      kpi,
      periodKind: resolved.kind,
      periodStart: resolved.start,
      periodEnd: resolved.end,
      version: 1,
      current: true,
      numerator,
      denominator,
      variant: options.populations ? 'VARIANT_I' : null,
      note: null,
      submittedBy: 'test',
      supersededAt: null,
    });
    options.populations?.forEach((p, position) =>
      em.create(KpiMeasurementPopulation, { measurement, position, population: p.population, otherName: p.otherName ?? null, telemonitored: p.telemonitored, inPopulation: p.inPopulation }),
    );
    await em.flush();
    return measurement;
  }

  /** Monthly hybrid-pathway figures for a provider: one (implemented, total) pair per month from January. */
  async hybridMonths(provider: Provider, year: number, figures: [number, number][]): Promise<void> {
    for (const [index, [implemented, total]] of figures.entries()) {
      await this.measurement(provider, 'HYBRID_PATHWAYS', { kind: 'MONTH', year, number: index + 1 }, implemented, total);
    }
  }
}
