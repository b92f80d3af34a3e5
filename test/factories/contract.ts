import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { Factory } from './index';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Concern } from '../../src/insurer/concern.entity';
import { Region } from '../../src/region/region.entity';
import { Segment } from '../../src/segment/segment.entity';
import { Provider, ProviderKind } from '../../src/provider/provider.entity';
import { PurchasingPolicy } from '../../src/purchasing-policy/purchasing-policy.entity';
import { RepresentationAgreement } from '../../src/representation/representation-agreement.entity';
import { CeilingKind, Contract, ContractStatus, TariffBasis } from '../../src/contract/contract.entity';
import { ContractRevenue, RevenuePeriodKind } from '../../src/contract/contract-revenue.entity';
import { OrganisationKindEnum } from '../../src/auth/api-token.entity';
import { periodOf } from '../../src/contract/contract.service';

export const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

/**
 * A region purchased by representation, built fresh so tests never depend on each other: the seeded ambulance
 * segment (other files count the segments, so tests add none), a new region, a lead and a second insurer (the two largest), two followers, an outsider without market
 * share there, a provider in the region, one-year policies for the representing insurers, and the agreement.
 */
export interface RepresentationWorld {
  year: number;
  segment: Segment;
  region: Region;
  lead: Insurer;
  second: Insurer;
  follower: Insurer;
  smallFollower: Insurer;
  outsider: Insurer;
  provider: Provider;
  agreement: RepresentationAgreement;
}

export class ContractFactory {
  constructor(
    private readonly orm: MikroORM,
    readonly base: Factory,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** A seeded segment: AMBULANCE and COORDINATION are purchased by representation, MSZ, MSR and ZG are not. */
  seeded(code: 'AMBULANCE' | 'COORDINATION' | 'MSZ' | 'MSR' | 'ZG'): Promise<Segment> {
    return this.em().findOneOrFail(Segment, { code });
  }

  async policy(insurer: Insurer, segment: Segment, firstYear: number, termYears = 1, lastYear = firstYear): Promise<PurchasingPolicy> {
    const em = this.em();
    const policy = em.create(PurchasingPolicy, {
      insurer: em.getReference(Insurer, insurer.id),
      segment: em.getReference(Segment, segment.id),
      firstYear,
      lastYear,
      publishedOn: `${firstYear - 1}-04-01`,
      contractTermYears: termYears,
      title: `Test policy ${firstYear} (${termYears}y)`,
      sourceDocument: 'test',
      summary: '',
    });
    await em.flush();
    return policy;
  }

  async agreement(segment: Segment, region: Region, year: number, lead: Insurer, second: Insurer): Promise<RepresentationAgreement> {
    const em = this.em();
    const agreement = em.create(RepresentationAgreement, {
      segment: em.getReference(Segment, segment.id),
      region: em.getReference(Region, region.id),
      year,
      leadInsurer: em.getReference(Insurer, lead.id),
      secondInsurer: em.getReference(Insurer, second.id),
      basis: 'test',
      notes: '',
    });
    await em.flush();
    return agreement;
  }

  async world(year = 2031, options: { followerConcern?: Concern } = {}): Promise<RepresentationWorld> {
    const f = this.base;
    const segment = await this.seeded('AMBULANCE');
    const region = await f.region();
    const lead = await f.insurer();
    const second = await f.insurer();
    const follower = await f.insurer(options.followerConcern ? { concern: options.followerConcern } : {});
    const smallFollower = await f.insurer();
    const outsider = await f.insurer();
    await f.marketShare(lead, region, year, '40.00');
    await f.marketShare(second, region, year, '30.00');
    await f.marketShare(follower, region, year, '20.00');
    await f.marketShare(smallFollower, region, year, '5.00');
    const provider = await f.provider({ region, kind: ProviderKind.RAV });
    await this.policy(lead, segment, year);
    await this.policy(second, segment, year);
    const agreement = await this.agreement(segment, region, year, lead, second);
    return { year, segment, region, lead, second, follower, smallFollower, outsider, provider, agreement };
  }

  async contract(spec: {
    insurer: Insurer;
    provider: Provider;
    segment: Segment;
    agreement?: RepresentationAgreement | null;
    firstYear: number;
    lastYear?: number;
    status?: ContractStatus;
    ceilingKind?: CeilingKind;
    ceilingAmount?: string | null;
  }): Promise<Contract> {
    const em = this.em();
    const ceilingKind = spec.ceilingKind ?? CeilingKind.REVENUE_CEILING;
    const contract = em.create(Contract, {
      insurer: em.getReference(Insurer, spec.insurer.id),
      provider: em.getReference(Provider, spec.provider.id),
      segment: em.getReference(Segment, spec.segment.id),
      agreement: spec.agreement ? em.getReference(RepresentationAgreement, spec.agreement.id) : null,
      termStart: `${spec.firstYear}-01-01`,
      termEnd: `${spec.lastYear ?? spec.firstYear}-12-31`,
      status: spec.status ?? ContractStatus.SIGNED,
      tariffBasis: TariffBasis.PRICE_VOLUME,
      ceilingKind,
      ceilingAmount: ceilingKind === CeilingKind.NONE ? null : (spec.ceilingAmount ?? '1000000.00'),
      obligations: 'test',
    });
    await em.flush();
    return contract;
  }

  async revenue(contract: Contract, kind: RevenuePeriodKind, year: number, number: number, amount: string, version = 1): Promise<ContractRevenue> {
    const em = this.em();
    const period = periodOf(kind, year, number)!;
    const row = em.create(ContractRevenue, {
      contract: em.getReference(Contract, contract.id),
      periodKind: kind,
      year,
      number,
      periodStart: period.start,
      periodEnd: period.end,
      amount,
      version,
      reportedByKind: OrganisationKindEnum.PROVIDER,
      reportedByCode: 'test',
      reportedBySubject: 'test',
      note: '',
    });
    await em.flush();
    return row;
  }
}
