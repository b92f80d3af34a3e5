import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { AppMeta } from './app-meta.entity';
import { Concern } from '../insurer/concern.entity';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from '../region/region.entity';
import { MarketShare } from '../region/market-share.entity';
import { Segment } from '../segment/segment.entity';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { PurchasingPolicy } from '../policy/purchasing-policy.entity';
import { PolicyMilestone, MilestoneKind } from '../policy/policy-milestone.entity';
import { RepresentationAgreement } from '../representation/representation-agreement.entity';
import * as data from './seed-data';
import { seedDemoContracts, seedDemoCoordinationContracts } from '../contract/contract.seed';
import { seedCoordinationSignatoriesDemo, seedElvBeds, seedMonitoringDemo } from '../monitoring/monitoring.seed';
import { seedKpiCatalogue, seedKpiDemo } from '../kpi/kpi.seed';
import { seedSustainabilityDemo, seedSustainabilityRequest } from '../sustainability/sustainability.seed';

/**
 * Seed steps, each applied once per database and remembered in app_meta, so a later feature can add its own
 * step to databases that were seeded before it existed. Order matters: later steps use earlier rows.
 */
const STEPS: { key: string; run: (em: EntityManager) => Promise<void> }[] = [
  { key: 'seed:reference', run: seedReferenceData },
  { key: 'seed:representation', run: seedRepresentation },
  { key: 'seed:contracts', run: seedDemoContracts },
  { key: 'seed:elv-beds', run: seedElvBeds },
  { key: 'seed:kpi-catalogue', run: seedKpiCatalogue },
  { key: 'seed:kpi-demo', run: seedKpiDemo },
  { key: 'seed:monitoring-demo', run: seedMonitoringDemo },
  { key: 'seed:coordination-contracts', run: seedDemoCoordinationContracts },
  { key: 'seed:coordination-signatories', run: seedCoordinationSignatoriesDemo },
  { key: 'seed:sustainability-request', run: seedSustainabilityRequest },
  { key: 'seed:sustainability-demo', run: seedSustainabilityDemo },
];

/** A short stable code for a concern name: "Zorg en Zekerheid" becomes "ZORG_EN_ZEKERHEID". */
export function concernCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);
}

/**
 * Applies the seed steps this database has not had, in one transaction. A marker row per step makes a restart
 * seed nothing, so data changed through the API is never overwritten. Returns the steps applied.
 */
export async function seedIfEmpty(orm: MikroORM): Promise<string[]> {
  return orm.em.fork().transactional(async (em) => {
    await (em as EntityManager).execute('lock table app_meta in exclusive mode');
    const done = new Set((await em.find(AppMeta, { key: { $like: 'seed:%' } })).map((m) => m.key));
    const applied: string[] = [];
    for (const step of STEPS) {
      if (done.has(step.key)) continue;
      await step.run(em as EntityManager);
      em.create(AppMeta, { key: step.key, value: new Date().toISOString() });
      await em.flush();
      applied.push(step.key);
    }
    return applied;
  });
}

async function seedReferenceData(em: EntityManager): Promise<void> {
  const concerns = new Map<string, Concern>();
  const insurers = new Map<string, Insurer>();
  for (const seed of data.INSURERS) {
    const code = concernCode(seed.concern);
    let concern = concerns.get(code);
    if (!concern) {
      concern = em.create(Concern, { code, name: seed.concern });
      concerns.set(code, concern);
    }
    insurers.set(seed.uzovi, em.create(Insurer, { uzovi: seed.uzovi, name: seed.name, concern }));
  }
  const regions = new Map<string, Region>();
  for (const seed of data.AMBULANCE_REGIONS) {
    regions.set(seed.code, em.create(Region, { kind: RegionKind.AMBULANCE, code: seed.code, name: seed.name }));
  }
  const segments = new Map<string, Segment>();
  for (const seed of data.SEGMENTS) {
    segments.set(
      seed.code,
      em.create(Segment, { code: seed.code, name: seed.name, description: seed.description, representation: seed.representation }),
    );
  }
  for (const seed of data.PROVIDERS) {
    em.create(Provider, {
      agb: seed.agb,
      kvk: seed.kvk,
      name: seed.name,
      kind: seed.kind as ProviderKind,
      region: seed.regionCode ? regions.get(seed.regionCode)! : null,
    });
  }
  for (const seed of data.MARKET_SHARES) {
    em.create(MarketShare, {
      insurer: insurers.get(seed.uzovi)!,
      region: regions.get(seed.regionCode)!,
      year: seed.year,
      sharePercent: seed.sharePercent,
    });
  }
  for (const seed of data.POLICIES) {
    const policy = em.create(PurchasingPolicy, {
      insurer: insurers.get(seed.insurerUzovi)!,
      segment: segments.get(seed.segmentCode)!,
      firstYear: seed.firstYear,
      lastYear: seed.lastYear,
      publishedOn: seed.publishedOn,
      contractTermYears: seed.contractTermYears,
      title: seed.title,
      sourceDocument: seed.sourceDocument,
      summary: seed.summary,
    });
    for (const m of seed.milestones) {
      em.create(PolicyMilestone, { policy, date: m.date, kind: m.kind as MilestoneKind, description: m.description });
    }
  }
  await em.flush();
}

/** The representation agreements of seeds 000, 001 and 002 (ambulance 2024 and 2025, coordination 2024). */
async function seedRepresentation(em: EntityManager): Promise<void> {
  const insurers = new Map((await em.find(Insurer, {})).map((i) => [i.uzovi, i]));
  const regions = new Map((await em.find(Region, { kind: RegionKind.AMBULANCE })).map((r) => [r.code, r]));
  const segments = new Map((await em.find(Segment, {})).map((s) => [s.code, s]));
  for (const seed of data.REPRESENTATION_AGREEMENTS) {
    em.create(RepresentationAgreement, {
      segment: segments.get(seed.segmentCode)!,
      region: regions.get(seed.regionCode)!,
      year: seed.year,
      leadInsurer: insurers.get(seed.leadUzovi)!,
      secondInsurer: seed.secondUzovi ? insurers.get(seed.secondUzovi)! : null,
      basis: seed.basis,
      notes: `${seed.notes} (source: ${seed.sourceDocument})`.trim(),
    });
  }
  await em.flush();
}
