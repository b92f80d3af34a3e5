import type { RequestContext } from '../../core/context';
import { runMutation, MutationOutcome } from '../../core/mutation';
import { Problems } from '../../core/problems';
import { badInput } from '../../core/errors';
import { idOfType } from '../../core/global-id';
import { authorize } from '../../auth/access-policy';
import { isPlausibleYear } from '../../shared/validation';
import { isIsoDate } from '../../core/parse';
import { pgArray } from '../../db/pg-array';
import { PolicyMilestone } from '../../purchasing-policy/policy-milestone.entity';
import { Insurer } from '../../insurer/insurer.entity';
import { coreRegionsOf, marketLeaders } from '../../region/core-regions';
import { MonitoringPeriod, StayType, ZN_COLUMNS } from '../zn';
import { CompletenessState, DeadlineSource } from '../monitoring.enums';
import { MonitoringErrorCode as Code } from '../monitoring.errors';
import { MonitoringDeadline } from './deadline.entity';
import { parseFigures } from '../submission/figures';
import { allowedKeys, keyOf } from '../monitoring.access';

export interface ResolvedDeadline {
  year: number;
  dueOn: string;
  source: DeadlineSource;
  milestoneId: number | null;
}

/** The deadline of a reporting year: set for the year (a date or a milestone's date), else the default day. */
export async function deadlineFor(ctx: RequestContext, year: number): Promise<ResolvedDeadline> {
  const set = await ctx.em.findOne(MonitoringDeadline, { year }, { populate: ['milestone'] });
  const milestone = set?.milestone?.getEntity() ?? null;
  if (milestone) return { year, dueOn: milestone.date, source: DeadlineSource.MILESTONE, milestoneId: milestone.id };
  if (set?.dueOn) return { year, dueOn: set.dueOn, source: DeadlineSource.CONFIGURED, milestoneId: null };
  return { year, dueOn: `${year + 1}-${ctx.config.monitoring.defaultDeadline}`, source: DeadlineSource.DEFAULT, milestoneId: null };
}

export interface DeadlineInput {
  year: number;
  dueOn?: string | null;
  milestoneId?: string | null;
}

/** Sets (or, with neither a date nor a milestone, clears) the deadline of a reporting year. */
export function setDeadline(ctx: RequestContext, input: DeadlineInput): Promise<MutationOutcome<ResolvedDeadline>> {
  authorize(ctx, 'monitoring.deadline.write');
  return runMutation(ctx, async (em) => {
    const problems = new Problems<Code>();
    if (!isPlausibleYear(input.year)) problems.add('year', Code.INVALID_YEAR, `year must be between 2000 and 2100; got ${input.year}.`);
    if (input.dueOn && input.milestoneId) problems.add('milestoneId', Code.INVALID_DEADLINE, 'Give either dueOn or milestoneId, not both.');
    if (input.dueOn && isIsoDate(input.dueOn) && input.dueOn <= `${input.year}-12-31`) {
      problems.add('dueOn', Code.INVALID_DEADLINE, `The deadline of ${input.year} falls after that year ends; got ${input.dueOn}.`);
    }
    let milestone: PolicyMilestone | null = null;
    if (input.milestoneId) {
      const id = idOfType(input.milestoneId, 'PolicyMilestone');
      milestone = id ? await em.findOne(PolicyMilestone, { id }) : null;
      if (!milestone) problems.add('milestoneId', Code.NOT_FOUND, 'No policy milestone has this ID.');
    }
    problems.throwIfAny();
    const existing = await em.findOne(MonitoringDeadline, { year: input.year });
    if (!input.dueOn && !milestone) {
      if (existing) em.remove(existing);
    } else {
      const row = existing ?? em.create(MonitoringDeadline, { year: input.year, setBy: ctx.principal.subject });
      row.dueOn = input.dueOn ?? null;
      row.milestone = milestone ? em.getReference(PolicyMilestone, milestone.id, { wrapped: true }) : null;
      row.setBy = ctx.principal.subject;
    }
    await em.flush();
    return deadlineFor({ ...ctx, em }, input.year);
  });
}

export interface MissingFigures {
  period: MonitoringPeriod;
  stayType: StayType;
  columns: string[];
}

export interface FunctionCompleteness {
  providerId: number;
  state: CompletenessState;
  deliveredAt: Date | null;
  /** The periods whose figures count: JAAR, or H1 and H2. */
  periods: MonitoringPeriod[];
  missing: MissingFigures[];
}

export interface RegionCompleteness {
  regionId: number;
  marketLeaderId: number | null;
  functions: FunctionCompleteness[];
}

export interface Completeness {
  year: number;
  deadline: ResolvedDeadline;
  deadlinePassed: boolean;
  regions: RegionCompleteness[];
}

const REQUIRED_COLUMNS = ZN_COLUMNS.filter((c) => c.required && ['integer'].includes(c.kind)).map((c) => c.name);
const DELIVERED = ['SUBMITTED', 'ACCEPTED'];

interface SubmissionRow {
  provider_id: number;
  period: MonitoringPeriod;
  status: string;
  submitted_at: Date | null;
  figures: string;
}

/**
 * Which coordination functions delivered the figures of a year on time, late or not at all, and which
 * required figures their submissions lack: per region, for the core regions of an insurer (seed 002 asks the
 * functions in its core regions) or, without one, for every region with a coordination function. Only the
 * functions whose submissions the principal may read are listed.
 */
export async function completeness(ctx: RequestContext, year: number, insurerUzovi: string | null): Promise<Completeness> {
  if (!isPlausibleYear(year)) throw badInput(`year must be between 2000 and 2100; got ${year}.`, { argument: 'year' });
  const p = ctx.principal;
  const uzovi = insurerUzovi ?? (p.organisationKind === 'INSURER' ? p.organisationCode : null);
  const leaders = await marketLeaders(ctx.em, year);
  let regionIds: number[] | null = null;
  if (uzovi) {
    const insurer = await ctx.em.findOne(Insurer, { uzovi });
    if (!insurer) throw badInput(`No insurer has UZOVI code "${uzovi}".`, { argument: 'insurerUzovi' });
    regionIds = coreRegionsOf(leaders, insurer.id);
  }
  const functions = await ctx.em.execute<{ id: number; region_id: number }[]>(
    `select id, region_id from provider
      where kind = 'COORDINATION_FUNCTION' and region_id is not null and (?::int[] is null or region_id = any(?::int[]))
      order by region_id, agb`,
    [regionIds && pgArray(regionIds), regionIds && pgArray(regionIds)],
  );
  const allowed = await allowedKeys(ctx, 'monitoring.read', functions.map((f) => ({ providerId: f.id, year })));
  const visible = functions.filter((f) => allowed.has(keyOf({ providerId: f.id, year })));
  const submissions = visible.length
    ? await ctx.em.execute<SubmissionRow[]>(
        `select s.provider_id, s.period, s.status, s.submitted_at, s.figures
           from monitoring_submission s
          where s.year = ? and s.provider_id = any(?::int[])`,
        [year, pgArray(visible.map((f) => f.id))],
      )
    : [];
  const deadline = await deadlineFor(ctx, year);
  const byProvider = new Map<number, SubmissionRow[]>();
  for (const row of submissions) byProvider.set(Number(row.provider_id), [...(byProvider.get(Number(row.provider_id)) ?? []), row]);
  const regions = new Map<number, RegionCompleteness>();
  for (const f of visible) {
    const regionId = Number(f.region_id);
    let region = regions.get(regionId);
    if (!region) {
      region = { regionId, marketLeaderId: leaders.get(regionId) ?? null, functions: [] };
      regions.set(regionId, region);
    }
    region.functions.push(assess(Number(f.id), byProvider.get(Number(f.id)) ?? [], deadline.dueOn, ctx.config.monitoring.requiredStayTypes));
  }
  return { year, deadline, deadlinePassed: amsterdamDate(new Date()) > deadline.dueOn, regions: [...regions.values()] };
}

/** The calendar date of an instant in the Netherlands, where the deadlines are set. */
function amsterdamDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * A year is delivered by a whole-year submission, or by both half years, that is submitted or accepted; it
 * was delivered when the last of them was submitted. Missing figures are judged on what exists, delivered
 * or not: the whole year when there is one, else the half years.
 */
function assess(providerId: number, rows: SubmissionRow[], dueOn: string, required: readonly string[]): FunctionCompleteness {
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const halves = byPeriod.has(MonitoringPeriod.H1) || byPeriod.has(MonitoringPeriod.H2);
  const periods = byPeriod.has(MonitoringPeriod.JAAR) || !halves ? [MonitoringPeriod.JAAR] : [MonitoringPeriod.H1, MonitoringPeriod.H2];
  const counted = periods.map((period) => byPeriod.get(period));
  const delivered = counted.every((r) => r && DELIVERED.includes(r.status));
  const deliveredAt = delivered ? new Date(Math.max(...counted.map((r) => new Date(r!.submitted_at!).getTime()))) : null;
  const state = !deliveredAt ? CompletenessState.NOT_SUBMITTED : amsterdamDate(deliveredAt) <= dueOn ? CompletenessState.ON_TIME : CompletenessState.LATE;
  const missing: MissingFigures[] = [];
  for (const period of periods) {
    const present = new Set(parseFigures(byPeriod.get(period)?.figures ?? '').map((f) => f.stayType));
    for (const stayType of required) {
      if (!present.has(stayType as StayType)) missing.push({ period, stayType: stayType as StayType, columns: REQUIRED_COLUMNS });
    }
  }
  return { providerId, state, deliveredAt, periods, missing };
}

