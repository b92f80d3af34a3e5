import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Provider, ProviderKind } from '../../src/provider/provider.entity';
import { Region } from '../../src/region/region.entity';
import { Segment } from '../../src/segment/segment.entity';
import { Contract, ContractStatus, TariffBasis, CeilingKind } from '../../src/contract/contract.entity';
import { RepresentationAgreement } from '../../src/representation/representation-agreement.entity';
import { MonitoringSubmission } from '../../src/monitoring/submission/submission.entity';
import { MonitoringImport } from '../../src/monitoring/upload/import.entity';
import { ProviderElvBeds } from '../../src/monitoring/checklist/checklist.entities';
import { Factory } from './index';

/**
 * Monitoring's "given" data, written straight through the ORM: coordination functions, the contracts and
 * representation agreements that make an insurer a purchaser (contract mutations belong to another feature),
 * and ELV providers.
 */
export class MonitoringFactory {
  constructor(
    private readonly orm: MikroORM,
    readonly base: Factory,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async coordinationFunction(overrides: { region?: Region; agb?: string } = {}): Promise<Provider> {
    const region = overrides.region ?? (await this.base.region());
    return this.base.provider({ kind: ProviderKind.COORDINATION_FUNCTION, region, agb: overrides.agb });
  }

  /** A coordination function with the AGB code the fixture files use, created once per run and emptied each time. */
  async fixtureFunction(agb: string): Promise<Provider> {
    const em = this.em();
    const existing = await em.findOne(Provider, { agb });
    if (existing) {
      await this.resetSubmissions(existing);
      return existing;
    }
    return this.coordinationFunction({ agb });
  }

  async resetSubmissions(provider: Provider): Promise<void> {
    const em = this.em();
    await em.nativeDelete(MonitoringSubmission, { provider: provider.id });
    await em.execute('update monitoring_staged_upload set import_id = null where provider_id = ?', [provider.id]);
    await em.nativeDelete(MonitoringImport, { provider: provider.id });
  }

  async coordinationSegment(): Promise<Segment> {
    return this.em().findOneOrFail(Segment, { code: 'COORDINATION' });
  }

  /** A signed coordination contract covering the year, optionally made under a representation agreement. */
  async contract(insurer: Insurer, provider: Provider, year: number, options: { agreement?: RepresentationAgreement; status?: ContractStatus } = {}): Promise<Contract> {
    const segment = await this.coordinationSegment();
    const em = this.em();
    const contract = em.create(Contract, {
      insurer: em.getReference(Insurer, insurer.id),
      provider: em.getReference(Provider, provider.id),
      segment: em.getReference(Segment, segment.id),
      agreement: options.agreement ? em.getReference(RepresentationAgreement, options.agreement.id) : null,
      termStart: `${year}-01-01`,
      termEnd: `${year}-12-31`,
      status: options.status ?? ContractStatus.SIGNED,
      tariffBasis: TariffBasis.BUDGET,
      ceilingKind: CeilingKind.BUDGET,
      ceilingAmount: '250000.00',
      obligations: '',
    });
    await em.flush();
    return contract;
  }

  /** A coordination representation agreement for a region and year, led by `lead`. */
  async agreement(region: Region, year: number, lead: Insurer, second: Insurer): Promise<RepresentationAgreement> {
    const segment = await this.coordinationSegment();
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

  async elvProvider(region: Region, beds: number): Promise<Provider> {
    const provider = await this.base.provider({ kind: ProviderKind.OTHER, region });
    const em = this.em();
    em.create(ProviderElvBeds, { provider: em.getReference(Provider, provider.id), beds });
    await em.flush();
    return provider;
  }

  /**
   * A purchasing set-up: a region, a coordination function, a lead insurer with a contract (market leader),
   * a follower with a market share there, and a competitor without either.
   */
  async purchasedFunction(year: number) {
    const region = await this.base.region();
    const cf = await this.coordinationFunction({ region });
    const lead = await this.base.insurer();
    const second = await this.base.insurer();
    const follower = await this.base.insurer();
    const competitor = await this.base.insurer();
    await this.base.marketShare(lead, region, year, '50.00');
    await this.base.marketShare(second, region, year, '30.00');
    await this.base.marketShare(follower, region, year, '20.00');
    const agreement = await this.agreement(region, year, lead, second);
    await this.contract(lead, cf, year, { agreement });
    return { region, cf, lead, second, follower, competitor, agreement };
  }
}

export const FIXTURES = path.join(__dirname, '../fixtures/zn');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** CSV text with a header, as a coordination function would upload it. */
export function csv(rows: string[], header = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar'): Buffer {
  return Buffer.from([header, ...rows].join('\r\n') + '\r\n', 'utf8');
}
