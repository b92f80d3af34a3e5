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
import * as data from './seed-data';

const SEEDED_KEY = 'seeded_at';

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
 * Seeds reference and demo data into a database that has never been seeded, in one transaction. A marker row
 * makes a restart seed nothing, so data changed through the API is never overwritten.
 */
export async function seedIfEmpty(orm: MikroORM): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    await (em as EntityManager).execute('lock table app_meta in exclusive mode');
    const marker = await em.findOne(AppMeta, { key: SEEDED_KEY });
    if (marker) return false;
    await seedReferenceData(em as EntityManager);
    em.create(AppMeta, { key: SEEDED_KEY, value: new Date().toISOString() });
    await em.flush();
    return true;
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
