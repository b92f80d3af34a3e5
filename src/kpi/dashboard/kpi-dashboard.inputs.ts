import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { OrderDirection } from '../../core/paging';
import { ProviderKind } from '../../provider/provider.entity';
import { KpiPeriodKind } from '../rules/period';

/** The dashboard's own inputs and sort field; nothing else in the KPI feature uses them. */

export const KpiDashboardOrderField = { PROVIDER_NAME: 'PROVIDER_NAME', AGB: 'AGB', VALUE: 'VALUE', STATUS: 'STATUS' } as const;
export type KpiDashboardOrderField = (typeof KpiDashboardOrderField)[keyof typeof KpiDashboardOrderField];

registerEnumType(KpiDashboardOrderField, {
  name: 'KpiDashboardOrderField',
  description: 'What dashboard rows are sorted by.',
  valuesConfig: {
    PROVIDER_NAME: { description: 'The provider name.' },
    AGB: { description: 'The AGB code.' },
    VALUE: { description: 'The latest value; rows without one come last.' },
    STATUS: { description: 'The status, in the order MET, ON_TRACK, AT_RISK, NOT_MET, NO_DATA.' },
  },
});

@InputType('KpiDashboardFilter', { description: 'Which providers a dashboard covers; all given conditions must hold.' })
export class KpiDashboardFilter {
  @Field(() => [String], { nullable: true, description: 'Only providers in these ambulance regions (codes such as "09").' })
  regionCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: "Only providers in this insurer's core regions (UZOVI code): where it is market leader in the year." })
  coreRegionsOf?: string | null;

  @Field(() => [ProviderKind], { nullable: true, description: 'Only providers of these kinds (HOSPITAL, INDEPENDENT_CLINIC).' })
  providerKinds?: ProviderKind[] | null;
}

@InputType('KpiDashboardInput', { description: 'What a dashboard shows: one KPI in one year, for a set of providers.' })
export class KpiDashboardInput {
  @Field(() => Int, { description: 'The target year.' })
  year!: number;

  @Field(() => String, { description: 'Code of the KPI.' })
  kpiCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Judge providers by this insurer's targets (UZOVI code), covering only providers it has a target with; when omitted, every provider with a target of the KPI, judged by its earliest-agreed target.",
  })
  insurerUzovi?: string | null;

  @Field(() => KpiPeriodKind, { defaultValue: KpiPeriodKind.MONTH, description: 'Which measurements the values, statuses and time series use.' })
  periodKind!: KpiPeriodKind;

  @Field(() => DateScalar, { nullable: true, description: 'The date the statuses are judged on; today when omitted.' })
  asOf?: string | null;

  @Field(() => KpiDashboardFilter, { nullable: true, description: 'Which providers to cover.' })
  filter?: KpiDashboardFilter | null;
}

@InputType('KpiDashboardOrder', { description: 'Sort order of dashboard rows.' })
export class KpiDashboardOrder {
  @Field(() => KpiDashboardOrderField, { description: 'What to sort by.' })
  field!: KpiDashboardOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  direction!: OrderDirection;
}
