import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver } from './node.resolver';
import { SyncResolver } from './sync.resolver';
import { ConcernResolver, InsurerResolver } from '../insurer/insurer.resolver';
import { RegionResolver, MarketShareResolver, InsurerMarketShareResolver } from '../region/region.resolver';
import { SegmentResolver } from '../segment/segment.resolver';
import { ProviderResolver } from '../provider/provider.resolver';
import { PolicyResolver, MilestoneResolver } from '../purchasing-policy/purchasing-policy.resolver';
import { AuthResolver } from '../auth/auth.resolver';
import { RepresentationCoverageResolver, RepresentationPurchasersResolver, RepresentationResolver } from '../representation/representation.resolver';
import { AgreementContractsResolver, ContractResolver, ContractRevenueResolver, ProviderContractsResolver } from '../contract/contract.resolver';
import { MONITORING_RESOLVERS } from '../monitoring/monitoring.resolver';
import { KpiMeasurementResolver, KpiResolver, KpiTargetResolver } from '../kpi/kpi.resolver';
import { KpiDashboardResolver, KpiDashboardRowResolver } from '../kpi/dashboard/kpi-dashboard.resolver';
import { SustainabilityResolver, SustainabilityValueChainResolver } from '../sustainability/sustainability.resolver';
import { CeilingProcedureResolver } from '../ceiling-procedure/ceiling-procedure.resolver';

/** Every resolver class of the API; a feature adds its resolvers here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  SyncResolver,
  InsurerResolver,
  ConcernResolver,
  RegionResolver,
  MarketShareResolver,
  InsurerMarketShareResolver,
  SegmentResolver,
  ProviderResolver,
  PolicyResolver,
  MilestoneResolver,
  AuthResolver,
  RepresentationResolver,
  RepresentationCoverageResolver,
  RepresentationPurchasersResolver,
  ContractResolver,
  ContractRevenueResolver,
  ProviderContractsResolver,
  AgreementContractsResolver,
  ...MONITORING_RESOLVERS,
  KpiResolver,
  KpiTargetResolver,
  KpiMeasurementResolver,
  KpiDashboardResolver,
  KpiDashboardRowResolver,
  SustainabilityResolver,
  SustainabilityValueChainResolver,
  CeilingProcedureResolver,
];
