import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { AppMeta } from './app-meta.entity';
import { seedInsurers } from '../insurer/insurer.seed';
import { seedMarketShares, seedRegions } from '../region/region.seed';
import { seedSegments } from '../segment/segment.seed';
import { seedProviders } from '../provider/provider.seed';
import { seedPolicies } from '../purchasing-policy/purchasing-policy.seed';
import { seedRepresentation } from '../representation/representation.seed';
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

/**
 * Insurers, regions, segments, providers, market shares and purchasing policies, written in this order in one
 * flush: each later writer refers to rows of the earlier ones.
 */
async function seedReferenceData(em: EntityManager): Promise<void> {
  const insurers = seedInsurers(em);
  const regions = seedRegions(em);
  const segments = seedSegments(em);
  seedProviders(em, regions);
  seedMarketShares(em, insurers, regions);
  seedPolicies(em, insurers, segments);
  await em.flush();
}
