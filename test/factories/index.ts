import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { Concern } from '../../src/insurer/concern.entity';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Region, RegionKind } from '../../src/region/region.entity';
import { MarketShare } from '../../src/region/market-share.entity';
import { Segment } from '../../src/segment/segment.entity';
import { Provider, ProviderKind } from '../../src/provider/provider.entity';
import { PurchasingPolicy } from '../../src/purchasing-policy/purchasing-policy.entity';
import { PolicyMilestone, MilestoneKind } from '../../src/purchasing-policy/policy-milestone.entity';
import { INSURERS } from '../../src/insurer/insurer.seed';

/** UZOVI codes the seed uses; a generated code must never hit one of them. */
const SEEDED_UZOVI = new Set(INSURERS.map((i) => i.uzovi));

/**
 * Factories write rows straight through the ORM for the "given" part of a test; the behaviour under test always
 * goes through the API. Unique codes come from a database sequence, so test files never collide.
 */
export class Factory {
  constructor(private readonly orm: MikroORM) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async nextNumber(): Promise<number> {
    const [row] = await this.orm.em.getConnection().execute<{ n: string }[]>("select nextval('test_codes') as n");
    return Number(row.n);
  }

  async uzovi(): Promise<string> {
    for (;;) {
      const code = String(1000 + ((await this.nextNumber()) % 8000)).padStart(4, '0');
      if (!SEEDED_UZOVI.has(code)) return code;
    }
  }

  async agb(): Promise<string> {
    return `0${String(await this.nextNumber()).padStart(7, '0')}`;
  }

  async concern(overrides: Partial<{ code: string; name: string }> = {}): Promise<Concern> {
    const n = await this.nextNumber();
    const em = this.em();
    const concern = em.create(Concern, { code: overrides.code ?? `TEST_${n}`, name: overrides.name ?? `Test concern ${n}` });
    await em.flush();
    return concern;
  }

  async insurer(overrides: Partial<{ uzovi: string; name: string; concern: Concern }> = {}): Promise<Insurer> {
    const concern = overrides.concern ?? (await this.concern());
    const em = this.em();
    const insurer = em.create(Insurer, {
      uzovi: overrides.uzovi ?? (await this.uzovi()),
      name: overrides.name ?? `Test insurer ${await this.nextNumber()}`,
      concern: em.getReference(Concern, concern.id),
    });
    await em.flush();
    return insurer;
  }

  async region(overrides: Partial<{ code: string; name: string }> = {}): Promise<Region> {
    const n = await this.nextNumber();
    const em = this.em();
    const region = em.create(Region, { kind: RegionKind.AMBULANCE, code: overrides.code ?? `T${n}`, name: overrides.name ?? `Test region ${n}` });
    await em.flush();
    return region;
  }

  async marketShare(insurer: Insurer, region: Region, year: number, sharePercent: string): Promise<MarketShare> {
    const em = this.em();
    const share = em.create(MarketShare, {
      insurer: em.getReference(Insurer, insurer.id),
      region: em.getReference(Region, region.id),
      year,
      sharePercent,
    });
    await em.flush();
    return share;
  }

  async segment(overrides: Partial<{ code: string; representation: boolean }> = {}): Promise<Segment> {
    const n = await this.nextNumber();
    const em = this.em();
    const segment = em.create(Segment, { code: overrides.code ?? `SEG_${n}`, name: `Test segment ${n}`, description: '', representation: overrides.representation ?? false });
    await em.flush();
    return segment;
  }

  async provider(overrides: Partial<{ agb: string; kind: ProviderKind; region: Region | null; name: string }> = {}): Promise<Provider> {
    const em = this.em();
    const provider = em.create(Provider, {
      agb: overrides.agb ?? (await this.agb()),
      kvk: String(await this.nextNumber()).padStart(8, '1'),
      name: overrides.name ?? `Test provider ${await this.nextNumber()}`,
      kind: overrides.kind ?? ProviderKind.HOSPITAL,
      region: overrides.region ? em.getReference(Region, overrides.region.id) : null,
    });
    await em.flush();
    return provider;
  }

  async policy(insurer: Insurer, segment: Segment, firstYear: number, lastYear = firstYear): Promise<PurchasingPolicy> {
    const em = this.em();
    const policy = em.create(PurchasingPolicy, {
      insurer: em.getReference(Insurer, insurer.id),
      segment: em.getReference(Segment, segment.id),
      firstYear,
      lastYear,
      publishedOn: `${firstYear - 1}-04-01`,
      contractTermYears: lastYear - firstYear + 1,
      title: `Test policy ${firstYear}`,
      sourceDocument: 'test',
      summary: '',
    });
    await em.flush();
    return policy;
  }

  async milestone(policy: PurchasingPolicy, date: string, kind: MilestoneKind = MilestoneKind.OTHER, description?: string): Promise<PolicyMilestone> {
    const em = this.em();
    const milestone = em.create(PolicyMilestone, {
      policy: em.getReference(PurchasingPolicy, policy.id),
      date,
      kind,
      description: description ?? `Test milestone ${await this.nextNumber()}`,
    });
    await em.flush();
    return milestone;
  }
}
