import { Concern } from '../insurer/concern.entity';
import { Insurer } from '../insurer/insurer.entity';
import { Region } from '../region/region.entity';
import { MarketShare } from '../region/market-share.entity';
import { Segment } from '../segment/segment.entity';
import { Provider } from '../provider/provider.entity';
import { PurchasingPolicy } from '../purchasing-policy/purchasing-policy.entity';
import { PolicyMilestone } from '../purchasing-policy/policy-milestone.entity';
import { AppMeta } from './app-meta.entity';
import { CredentialWrite } from './credential-write.entity';
import { Deletion } from './deletion.entity';
import { ApiToken } from '../auth/api-token.entity';
import { AuditEvent } from '../auth/audit-event.entity';
import { RateLimitBucket } from '../auth/rate-limit-bucket.entity';
import { RepresentationAgreement } from '../representation/representation-agreement.entity';
import { Contract } from '../contract/contract.entity';
import { ContractRevenue } from '../contract/contract-revenue.entity';
import { MONITORING_ENTITIES } from '../monitoring/monitoring.entities';
import { Kpi } from '../kpi/kpi.entity';
import { KpiTarget } from '../kpi/kpi-target.entity';
import { KpiMeasurement, KpiMeasurementPopulation } from '../kpi/kpi-measurement.entity';
import { SustainabilityAnswer, SustainabilityQuestion } from '../sustainability/sustainability.entity';
import { CeilingProcedure } from '../ceiling-procedure/ceiling-procedure.entity';

/** Every entity the ORM knows; a feature adds its entities here. */
export const ENTITIES = [AppMeta, Concern, Insurer, Region, MarketShare, Segment, Provider, PurchasingPolicy, PolicyMilestone, ApiToken, AuditEvent, RateLimitBucket, CredentialWrite, RepresentationAgreement, Contract, ContractRevenue, Kpi, KpiTarget, KpiMeasurement, KpiMeasurementPopulation, ...MONITORING_ENTITIES, SustainabilityQuestion, SustainabilityAnswer, CeilingProcedure, Deletion];
