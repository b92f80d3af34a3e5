import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { describeOperation } from '../../auth/access-policy';
import { PageArgs, connectionType, toConnection } from '../../graphql/connection';
import { PageQuery, mapPage } from '../../core/paging';
import { registerPlainRoot } from '../../graphql/plain-answer';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { KpiSuppressionReason, MIN_PROTECTED_PROVIDERS } from '../rules/stats';
import { KpiPeriod, KpiPeriodKind } from '../rules/period';
import { KpiProgress, KpiSeriesPoint, seriesPoint } from '../rules/series';
import { Kpi } from '../kpi.entity';
import { KpiTarget } from '../kpi-target.entity';
import { kpiLoaders } from '../kpi.loaders';
import { KpiPeriodType, KpiProgressType, KpiSeriesPointType } from '../kpi.types';
import { BenchmarkFigures, DashboardData, DashboardRowView, buildDashboard, dashboardRows, providerOf } from './kpi-dashboard.service';
import { KpiDashboardInput, KpiDashboardOrder } from './kpi-dashboard.inputs';

const SUPPRESSION = `withheld when it covers no provider, or between 1 and ${MIN_PROTECTED_PROVIDERS - 1} providers whose figures or target you may not read`;

@ObjectType('KpiDashboardRow', { simpleResolvers: true, description: "One provider of a dashboard: its figures, and its target's progress where you may see that target." })
export class KpiDashboardRow {
  view!: DashboardRowView;

  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => KpiSeriesPointType, { nullable: true, description: 'The latest value that counts for the status; null when there is none.' })
  latest!: KpiSeriesPoint | null;

  @Field(() => KpiProgressType, { description: 'Status, attainment and trend against the target the row is judged by.' })
  progress!: KpiProgress;
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
  description: `Figures over the rows of a dashboard (providers whose figures and target you may read), exact: they tell you nothing you cannot read row by row. Each block is ${SUPPRESSION}.`,
})
export class KpiAggregate {
  @Field(() => Boolean, { description: 'True when the count per status is withheld (see suppressionReason): then providerCount and statusCounts are null.' })
  suppressed!: boolean;

  @Field(() => KpiSuppressionReason, { nullable: true, description: 'Why the count per status is withheld; null when it is shown.' })
  suppressionReason!: KpiSuppressionReason | null;

  @Field(() => Int, { nullable: true, description: 'Providers covered; null when withheld.' })
  providerCount!: number | null;

  @Field(() => KpiStatusCounts, { nullable: true, description: 'Count per status; null when withheld.' })
  statusCounts!: KpiStatusCounts | null;

  @Field(() => Boolean, { description: 'True when the value figures are withheld (see valuesSuppressionReason): then they are null.' })
  valuesSuppressed!: boolean;

  @Field(() => KpiSuppressionReason, { nullable: true, description: 'Why the value figures are withheld; null when they are shown.' })
  valuesSuppressionReason!: KpiSuppressionReason | null;

  @Field(() => Int, { nullable: true, description: 'Providers with a latest value, over which the value figures are taken; null when withheld.' })
  reportingProviderCount!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Pooled rate over the providers' latest figures: sum of numerators over sum of denominators, in percent." })
  pooledRate!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Median of the providers' latest values (type 7, linear interpolation)." })
  median!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'First quartile (type 7, linear interpolation).' })
  q1!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Third quartile (type 7, linear interpolation).' })
  q3!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Interquartile range, q3 - q1.' })
  iqr!: string | null;
}

@ObjectType('KpiPeriodAggregate', { simpleResolvers: true,
  description: `Figures over the providers with a value for one period; ${SUPPRESSION}. Quartiles are type 7 over a dashboard's rows, Harrell-Davis estimates in the benchmark.`,
})
export class KpiPeriodAggregate {
  @Field(() => KpiPeriodType, { description: 'The period.' })
  period!: KpiPeriod;

  @Field(() => Boolean, { description: 'True when the figures of the period are withheld (see suppressionReason): then every figure is null.' })
  suppressed!: boolean;

  @Field(() => KpiSuppressionReason, { nullable: true, description: 'Why the figures of the period are withheld; null when they are shown.' })
  suppressionReason!: KpiSuppressionReason | null;

  @Field(() => Int, { nullable: true, description: 'Providers with a value for the period; null when withheld.' })
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

@ObjectType('KpiBenchmark', { simpleResolvers: true,
  description: `The national benchmark of a KPI and year: every provider in the country with a target of the KPI in the year, each judged by its earliest-agreed target, whatever the dashboard's filter or insurer. Each block is ${SUPPRESSION}; README "Aggregates" argues why no combination of benchmarks singles out a provider.`,
})
export class KpiBenchmark implements BenchmarkFigures {
  @Field(() => DateScalar, { description: "The date the statuses are judged on: the end of the last period of the dashboard's kind on or before its as-of date." })
  asOf!: string;

  @Field(() => Boolean, { description: 'True when the count per status is withheld (see suppressionReason): then providerCount and statusCounts are null.' })
  suppressed!: boolean;

  @Field(() => KpiSuppressionReason, { nullable: true, description: 'Why the count per status is withheld; null when it is shown.' })
  suppressionReason!: KpiSuppressionReason | null;

  @Field(() => Int, { nullable: true, description: 'Providers covered; null when withheld.' })
  providerCount!: number | null;

  @Field(() => KpiStatusCounts, { nullable: true, description: 'Count per status on asOf; null when withheld.' })
  statusCounts!: KpiStatusCounts | null;

  @Field(() => [KpiPeriodAggregate], { description: 'Figures per period of the year up to asOf, each withheld on its own reporting providers.' })
  series!: KpiPeriodAggregate[];
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

async function dashboardOf(ctx: RequestContext, input: KpiDashboardInput): Promise<KpiDashboard | null> {
  const data = await buildDashboard(ctx, input);
  if (!data) return null;
  const dashboard = new KpiDashboard();
  Object.assign(dashboard, { data, year: data.year, periodKind: data.periodKind, asOf: data.asOf });
  return dashboard;
}

function rowsOf(ctx: RequestContext, dashboard: KpiDashboard, orderBy: KpiDashboardOrder | null, page: PageQuery) {
  return toConnection(mapPage(dashboardRows(ctx, dashboard.data, orderBy, page), (entry) => rowOf(ctx, entry)));
}

const benchmarkOf = (dashboard: KpiDashboard) => dashboard.data.benchmark?.() ?? null;

// The dashboard's usual selections are written without graphql-js walking a hundred rows (graphql/plain-answer.ts):
// the same functions as the resolvers below, and a row's provider by its columns; any other selection executes.
registerPlainRoot('kpiDashboard', {
  resolve: (ctx, args) => dashboardOf(ctx, args.input as KpiDashboardInput),
  fields: {
    'KpiDashboard.rows': (dashboard: KpiDashboard, args, ctx) => rowsOf(ctx, dashboard, (args.orderBy as KpiDashboardOrder | undefined) ?? null, args as PageQuery),
    'KpiDashboard.aggregate': (dashboard: KpiDashboard) => dashboard.data.aggregate,
    'KpiDashboard.series': (dashboard: KpiDashboard) => dashboard.data.series,
    'KpiDashboard.benchmark': (dashboard: KpiDashboard) => benchmarkOf(dashboard),
  },
  properties: { Provider: { id: 'globalId', agb: 'agb', kvk: 'kvk', name: 'name', kind: 'kind', updatedAt: 'updatedAt' } },
});

@Resolver(() => KpiDashboard)
export class KpiDashboardResolver {
  @Query(() => KpiDashboard, {
    nullable: true,
    description:
      describeOperation(`A KPI dashboard for a year, filtered by region, core regions or provider kind; null for an unknown KPI. Rows list only providers whose figures and judging target you may read; aggregate and series (over the rows) and benchmark (national, withheld over 1 to ${MIN_PROTECTED_PROVIDERS - 1} providers you may not read) are for insurers and operator admins.`, 'reference.read'),
  })
  kpiDashboard(@Arg('input', () => KpiDashboardInput, { description: 'KPI, year, scope and as-of date.' }) input: KpiDashboardInput, @Ctx() ctx: RequestContext) {
    return dashboardOf(ctx, input);
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
    return rowsOf(ctx, dashboard, orderBy, page);
  }

  @FieldResolver(() => KpiAggregate, { nullable: true, description: 'Aggregates over the rows (every row, not one page); null unless you are an insurer or operator admin.' })
  aggregate(@Root() dashboard: KpiDashboard) {
    return dashboard.data.aggregate;
  }

  @FieldResolver(() => [KpiPeriodAggregate], { nullable: true, description: 'Aggregates over the rows per period of the year up to the as-of date; null unless you are an insurer or operator admin.' })
  series(@Root() dashboard: KpiDashboard) {
    return dashboard.data.series;
  }

  @FieldResolver(() => KpiBenchmark, { nullable: true, description: 'The national benchmark of the KPI and year, the same for every filter and insurer; null unless you are an insurer or operator admin.' })
  benchmark(@Root() dashboard: KpiDashboard) {
    return benchmarkOf(dashboard);
  }
}

@Resolver(() => KpiDashboardRow)
export class KpiDashboardRowResolver {
  @FieldResolver(() => [KpiSeriesPointType], { description: "The provider's values per period of the year up to the as-of date, oldest first." })
  series(@Root() row: KpiDashboardRow): KpiSeriesPoint[] {
    return row.view.points.map(seriesPoint);
  }

  @FieldResolver(() => KpiTarget, { description: 'The target the row is judged by: the earliest of the KPI in the year that you may read (of the insurer named, when one is).' })
  target(@Root() row: KpiDashboardRow, @Ctx() ctx: RequestContext) {
    const targetId = row.view.targetId;
    return kpiLoaders.dashboardTarget.of(ctx)
      // A row exists only through a target the principal may read, so the loader's access check finds it.
      .load(targetId).then((target) => target!);
  }
}
