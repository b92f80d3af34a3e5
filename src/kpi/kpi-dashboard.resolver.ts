import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { findByIds } from '../db/find-page';
import { PageArgs, connectionType, toConnection } from '../graphql/connection';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { MIN_PROVIDERS_FOR_AGGREGATE } from './kpi-stats';
import { KpiPeriodKind } from './kpi.enums';
import { Kpi } from './kpi.entity';
import { KpiTarget } from './kpi-target.entity';
import { KpiPeriod } from './kpi-period';
import { KpiProgress, KpiSeriesPoint, seriesPoint } from './kpi-progress';
import { DashboardData, DashboardRowView, buildDashboard, dashboardRows, providerOf } from './kpi-dashboard.service';
import { KpiDashboardInput, KpiDashboardOrder } from './kpi.inputs';

const SUPPRESSION = `suppressed when fewer than ${MIN_PROVIDERS_FOR_AGGREGATE} providers`;

@ObjectType('KpiDashboardRow', { simpleResolvers: true, description: "One provider of a dashboard: its figures, and its target's progress where you may see that target." })
export class KpiDashboardRow {
  view!: DashboardRowView;

  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => KpiSeriesPoint, { nullable: true, description: 'The latest value that counts for the status; null when there is none.' })
  latest!: KpiSeriesPoint | null;

  @Field(() => KpiProgress, { nullable: true, description: 'Status, attainment and trend against the governing target; null when that target is another insurer’s.' })
  progress!: KpiProgress | null;
}

const KpiDashboardRowConnection = connectionType(KpiDashboardRow, 'KpiDashboardRow', 'dashboard row');

@ObjectType('KpiStatusCounts', { simpleResolvers: true, description: 'How many providers have each status.' })
export class KpiStatusCounts {
  @Field(() => Int, { description: 'Providers whose latest value reaches the target.' })
  met!: number;

  @Field(() => Int, { description: 'Providers on or beyond the path to the target.' })
  onTrack!: number;

  @Field(() => Int, { description: 'Providers behind the path to the target.' })
  atRisk!: number;

  @Field(() => Int, { description: 'Providers that missed the target.' })
  notMet!: number;

  @Field(() => Int, { description: 'Providers without figures that count.' })
  noData!: number;
}

@ObjectType('KpiAggregate', { simpleResolvers: true,
  description: `Figures over all providers of a dashboard, yours or not; each block is ${SUPPRESSION}, so no single provider can be singled out.`,
})
export class KpiAggregate {
  @Field(() => Boolean, { description: `True when the dashboard covers fewer than ${MIN_PROVIDERS_FOR_AGGREGATE} providers: then every figure is null.` })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: `Providers covered; null when ${SUPPRESSION}.` })
  providerCount!: number | null;

  @Field(() => KpiStatusCounts, { nullable: true, description: `Count per status; null when ${SUPPRESSION}.` })
  statusCounts!: KpiStatusCounts | null;

  @Field(() => Boolean, { description: `True when fewer than ${MIN_PROVIDERS_FOR_AGGREGATE} providers have a latest value: then the value figures are null.` })
  valuesSuppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Providers with a latest value, over which the value figures are taken; null when suppressed.' })
  reportingProviderCount!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Pooled rate over the providers' latest figures: sum of numerators over sum of denominators, in percent." })
  pooledRate!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Median of the providers' latest values." })
  median!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'First quartile (type 7, linear interpolation).' })
  q1!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Third quartile (type 7, linear interpolation).' })
  q3!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Interquartile range, q3 - q1.' })
  iqr!: string | null;
}

@ObjectType('KpiPeriodAggregate', { simpleResolvers: true, description: `Figures over all providers for one period; ${SUPPRESSION} reporting.` })
export class KpiPeriodAggregate {
  @Field(() => KpiPeriod, { description: 'The period.' })
  period!: KpiPeriod;

  @Field(() => Boolean, { description: `True when fewer than ${MIN_PROVIDERS_FOR_AGGREGATE} providers reported for the period: then every figure is null.` })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Providers with a value for the period; null when suppressed.' })
  reportingProviderCount!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Pooled rate for the period, in percent.' })
  pooledRate!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Median of the values of the period.' })
  median!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'First quartile of the values of the period.' })
  q1!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Third quartile of the values of the period.' })
  q3!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Interquartile range of the values of the period.' })
  iqr!: string | null;
}

@ObjectType('KpiDashboard', { simpleResolvers: true, description: 'One KPI in one year over a set of providers: rows, aggregates and a time series.' })
export class KpiDashboard {
  data!: DashboardData;

  @Field(() => Int, { description: 'The target year.' })
  year!: number;

  @Field(() => KpiPeriodKind, { description: 'Which measurements are used.' })
  periodKind!: KpiPeriodKind;

  @Field(() => DateScalar, { description: 'The date the statuses are judged on.' })
  asOf!: string;
}

function rowOf(ctx: RequestContext, view: DashboardRowView): KpiDashboardRow {
  const row = new KpiDashboardRow();
  row.view = view;
  row.provider = providerOf(ctx, view.provider);
  row.latest = view.latest;
  row.progress = view.progress;
  return row;
}

@Resolver(() => KpiDashboard)
export class KpiDashboardResolver {
  @Query(() => KpiDashboard, {
    nullable: true,
    description:
      'A KPI dashboard for a year, filtered by region, core regions or provider kind; null for an unknown KPI. Requires: any authenticated principal. Rows list only providers whose figures you may read (the provider itself, insurers contracting it, operator admins); aggregates and series are for insurers and operator admins, suppressed under 5 providers.',
  })
  async kpiDashboard(@Arg('input', () => KpiDashboardInput, { description: 'KPI, year, scope and as-of date.' }) input: KpiDashboardInput, @Ctx() ctx: RequestContext) {
    const data = await buildDashboard(ctx, input);
    if (!data) return null;
    const dashboard = new KpiDashboard();
    Object.assign(dashboard, { data, year: data.year, periodKind: data.periodKind, asOf: data.asOf });
    return dashboard;
  }

  @FieldResolver(() => Kpi, { description: 'The KPI.' })
  async kpi(@Root() dashboard: KpiDashboard, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(Kpi, { id: dashboard.data.kpiId });
  }

  @FieldResolver(() => Insurer, { nullable: true, description: 'The insurer whose targets judge the providers; null when each provider is judged by its earliest-agreed target.' })
  insurer(@Root() dashboard: KpiDashboard, @Ctx() ctx: RequestContext) {
    return dashboard.data.insurerId === null ? null : ctx.em.findOneOrFail(Insurer, { id: dashboard.data.insurerId });
  }

  @FieldResolver(() => KpiDashboardRowConnection, { description: 'The providers whose figures you may read, one row each.' })
  rows(
    @Root() dashboard: KpiDashboard,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => KpiDashboardOrder, { nullable: true, description: 'Sort order; by provider name when omitted.' }) orderBy: KpiDashboardOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    const result = dashboardRows(ctx, dashboard.data, orderBy, page);
    return toConnection({ ...result, items: result.items.map((entry) => rowOf(ctx, entry)) });
  }

  @FieldResolver(() => KpiAggregate, { nullable: true, description: 'Aggregates over all providers covered; null unless you are an insurer or operator admin.' })
  aggregate(@Root() dashboard: KpiDashboard) {
    return dashboard.data.aggregate;
  }

  @FieldResolver(() => [KpiPeriodAggregate], { nullable: true, description: 'Aggregates per period of the year up to the as-of date; null unless you are an insurer or operator admin.' })
  series(@Root() dashboard: KpiDashboard) {
    return dashboard.data.series;
  }
}

@Resolver(() => KpiDashboardRow)
export class KpiDashboardRowResolver {
  @FieldResolver(() => [KpiSeriesPoint], { description: "The provider's values per period of the year up to the as-of date, oldest first." })
  series(@Root() row: KpiDashboardRow): KpiSeriesPoint[] {
    return row.view.points.map(seriesPoint);
  }

  @FieldResolver(() => KpiTarget, { nullable: true, description: 'The governing target; null when it is another insurer’s.' })
  target(@Root() row: KpiDashboardRow, @Ctx() ctx: RequestContext) {
    const targetId = row.view.targetId;
    if (targetId === null) return null;
    return ctx.loaders
      .get<number, KpiTarget | null>('kpi.dashboardTarget', (ids) => findByIds(ctx, KpiTarget, ids))
      .load(targetId);
  }
}
