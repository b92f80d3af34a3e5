import type { EntityManager } from '@mikro-orm/postgresql';
import { Insurer } from '../insurer/insurer.entity';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from '../representation/representation-agreement.entity';
import { OrganisationKindEnum } from '../auth/api-token.entity';
import { CeilingKind, Contract, ContractStatus, TariffBasis } from './contract.entity';
import { ContractRevenue, RevenuePeriodKind } from './contract-revenue.entity';
import { periodOf } from './contract.service';

interface RevenueSeed {
  kind: RevenuePeriodKind;
  year: number;
  number: number;
  /** Versions in order: a second amount is a correction. */
  amounts: string[];
  by: 'INSURER' | 'PROVIDER';
}

interface ContractSeed {
  insurerUzovi: string;
  providerAgb: string;
  segmentCode: string;
  firstYear: number;
  lastYear: number;
  tariffBasis: TariffBasis;
  ceilingKind: CeilingKind;
  ceilingAmount: string;
  obligations: string;
  revenue: RevenueSeed[];
}

const months = (year: number, amounts: string[], by: RevenueSeed['by'] = 'PROVIDER'): RevenueSeed[] =>
  amounts.map((amount, i) => ({ kind: RevenuePeriodKind.MONTH, year, number: i + 1, amounts: [amount], by }));

/**
 * DEMO: invented contracts, ceilings and revenue, so the demo shows every ceiling status. None of these amounts
 * is real; the terms, tariff bases and ceiling kinds follow the seeds (000, 001: one-year ambulance contracts at
 * NZa tariffs with a budget per RAV; 003: a two-year ZG contract, price x volume under a revenue ceiling).
 * Ambulance contracts are made by a representing insurer of the RAV's region (Zilveren Kruis in Utrecht,
 * De Friesland for the Achmea concern in Fryslân, Zorg en Zekerheid in Hollands Midden).
 */
export const DEMO_CONTRACTS: ContractSeed[] = [
  {
    // NEAR in 2024: 77.2% used after the whole year.
    insurerUzovi: '3311',
    providerAgb: '09100901',
    segmentCode: 'AMBULANCE',
    firstYear: 2024,
    lastYear: 2024,
    tariffBasis: TariffBasis.NZA_TARIFF,
    ceilingKind: CeilingKind.BUDGET,
    ceilingAmount: '18400000.00',
    obligations: 'DEMO. Budget per RAV at NZa tariffs; spending above the budget is for the RAV, no extra care is bought in the running year (seed 000).',
    revenue: months(2024, ['1190000.00', '1120000.00', '1185000.00', '1170000.00', '1200000.00', '1160000.00', '1215000.00', '1230000.00', '1150000.00', '1180000.00', '1175000.00', '1230000.00']),
  },
  {
    // THREATENED in 2025: 70.2% used after August, projected 22.65 million against 21.5 million.
    insurerUzovi: '9903',
    providerAgb: '09101601',
    segmentCode: 'AMBULANCE',
    firstYear: 2025,
    lastYear: 2025,
    tariffBasis: TariffBasis.NZA_TARIFF,
    ceilingKind: CeilingKind.BUDGET,
    ceilingAmount: '21500000.00',
    obligations: 'DEMO. Agreed jointly with Zilveren Kruis as second insurer (seed 001); budget at NZa tariffs.',
    revenue: months(2025, ['1880000.00', '1850000.00', '1900000.00', '1870000.00', '1890000.00', '1910000.00', '1900000.00', '1900000.00']),
  },
  {
    // OK in 2024: 42.5% used after June, projected 10.2 million against 12 million.
    insurerUzovi: '9902',
    providerAgb: '09100201',
    segmentCode: 'AMBULANCE',
    firstYear: 2024,
    lastYear: 2024,
    tariffBasis: TariffBasis.NZA_TARIFF,
    ceilingKind: CeilingKind.BUDGET,
    ceilingAmount: '12000000.00',
    obligations: 'DEMO. De Friesland purchases for the Achmea concern in Fryslân (seed 000).',
    revenue: months(2024, ['850000.00', '840000.00', '860000.00', '850000.00', '845000.00', '855000.00'], 'INSURER'),
  },
  {
    // EXCEEDED in 2024 (6.35 million against 6.2 million, Q3 corrected once); OK in 2025 so far.
    insurerUzovi: '3311',
    providerAgb: '41000001',
    segmentCode: 'ZG',
    firstYear: 2024,
    lastYear: 2025,
    tariffBasis: TariffBasis.PRICE_VOLUME,
    ceilingKind: CeilingKind.REVENUE_CEILING,
    ceilingAmount: '6200000.00',
    obligations: 'DEMO. Price x volume within a yearly revenue ceiling; report by 1 September if the ceiling threatens to fill (seed 003).',
    revenue: [
      { kind: RevenuePeriodKind.QUARTER, year: 2024, number: 1, amounts: ['1600000.00'], by: 'PROVIDER' },
      { kind: RevenuePeriodKind.QUARTER, year: 2024, number: 2, amounts: ['1650000.00'], by: 'PROVIDER' },
      { kind: RevenuePeriodKind.QUARTER, year: 2024, number: 3, amounts: ['1500000.00', '1580000.00'], by: 'PROVIDER' },
      { kind: RevenuePeriodKind.QUARTER, year: 2024, number: 4, amounts: ['1520000.00'], by: 'PROVIDER' },
      { kind: RevenuePeriodKind.QUARTER, year: 2025, number: 1, amounts: ['1500000.00'], by: 'PROVIDER' },
      { kind: RevenuePeriodKind.QUARTER, year: 2025, number: 2, amounts: ['1550000.00'], by: 'PROVIDER' },
    ],
  },
  {
    // NEAR in 2025, on both edges: exactly 75.00% used, projected exactly at the ceiling (so not THREATENED).
    insurerUzovi: '3311',
    providerAgb: '41011501',
    segmentCode: 'ZG',
    firstYear: 2024,
    lastYear: 2025,
    tariffBasis: TariffBasis.PRICE_VOLUME,
    ceilingKind: CeilingKind.REVENUE_CEILING,
    ceilingAmount: '2400000.00',
    obligations: 'DEMO. Price x volume within a yearly revenue ceiling (seed 003).',
    revenue: [1, 2, 3].map((q) => ({ kind: RevenuePeriodKind.QUARTER, year: 2025, number: q, amounts: ['600000.00'], by: 'PROVIDER' as const })),
  },
];

/** Seed step 'seed:contracts': the DEMO contracts above with their revenue. */
export async function seedDemoContracts(em: EntityManager): Promise<void> {
  for (const seed of DEMO_CONTRACTS) {
    const insurer = await em.findOneOrFail(Insurer, { uzovi: seed.insurerUzovi });
    const provider = await em.findOneOrFail(Provider, { agb: seed.providerAgb });
    const segment = await em.findOneOrFail(Segment, { code: seed.segmentCode });
    const agreement = segment.representation
      ? await em.findOneOrFail(RepresentationAgreement, { segment, region: provider.region!.id, year: seed.firstYear })
      : null;
    const contract = em.create(Contract, {
      insurer,
      provider,
      segment,
      agreement,
      termStart: `${seed.firstYear}-01-01`,
      termEnd: `${seed.lastYear}-12-31`,
      status: ContractStatus.SIGNED,
      tariffBasis: seed.tariffBasis,
      ceilingKind: seed.ceilingKind,
      ceilingAmount: seed.ceilingAmount,
      obligations: seed.obligations,
    });
    for (const r of seed.revenue) {
      const period = periodOf(r.kind, r.year, r.number)!;
      r.amounts.forEach((amount, i) => {
        em.create(ContractRevenue, {
          contract,
          periodKind: r.kind,
          year: r.year,
          number: r.number,
          periodStart: period.start,
          periodEnd: period.end,
          amount,
          version: i + 1,
          reportedByKind: r.by === 'INSURER' ? OrganisationKindEnum.INSURER : OrganisationKindEnum.PROVIDER,
          reportedByCode: r.by === 'INSURER' ? insurer.uzovi : provider.agb,
          reportedBySubject: 'seed (DEMO)',
          note: i === 0 ? 'DEMO' : 'DEMO correction',
        });
      });
    }
  }
  await em.flush();
}

/**
 * Seed step 'seed:coordination-contracts' (DEMO): a signed one-year 2024 contract (the term of the coordination policy
 * 2024, seed 002) between every demo coordination function and the preferred insurer of its region, under the
 * region's coordination agreement, so the insurers purchase from the functions (they read the monitoring figures;
 * the preferred insurer reviews them). The budgets are invented: 2023 budgets continued with indexation (seed 002).
 */
export async function seedDemoCoordinationContracts(em: EntityManager): Promise<void> {
  const segment = await em.findOneOrFail(Segment, { code: 'COORDINATION' });
  const functions = await em.find(Provider, { kind: ProviderKind.COORDINATION_FUNCTION, region: { $ne: null } }, { orderBy: { agb: 'asc' } });
  for (const [index, provider] of functions.entries()) {
    const agreement = await em.findOne(RepresentationAgreement, { segment, region: provider.region!.id, year: 2024 }, { populate: ['leadInsurer'] });
    if (!agreement) continue;
    em.create(Contract, {
      insurer: agreement.leadInsurer,
      provider,
      segment,
      agreement,
      termStart: '2024-01-01',
      termEnd: '2024-12-31',
      status: ContractStatus.SIGNED,
      tariffBasis: TariffBasis.BUDGET,
      ceilingKind: CeilingKind.BUDGET,
      ceilingAmount: `${310_000 + index * 15_000}.00`,
      obligations: 'DEMO. 2023 budget continued with indexation; yearly ZN monitoring figures; the Bijlage 1 conditions (seed 002).',
    });
  }
  await em.flush();
}
