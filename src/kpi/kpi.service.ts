import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { AppError } from '../core/errors';
import { authorize, can, Action, ResourceFacts } from '../auth/access-policy';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { findByIds, findPage } from '../db/find-page';
import { isPlausibleYear, optionalText, requiredText } from '../shared/validation';
import { purchasingInsurerIds } from '../contract/purchasing';
import { marketLeaders } from '../region/core-regions';
import { Insurer } from '../insurer/insurer.entity';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { FIRST_KPI_YEAR, KpiObligation, KpiProviderKind, deriveObligation } from './rules/obligation';
import { KpiScoring, KpiUnit } from './rules/catalogue';
import { cmpR, parseDecimal, rational, toDecimalString } from './rules/arithmetic';
import { KpiDefinitionStatus, KpiMeasurementKind, KpiReviewDecision, ObligationSource } from './kpi.enums';
import { Kpi } from './kpi.entity';
import { KpiTarget } from './kpi-target.entity';
import { KpiErrorCode as Code } from './rules/result';
import { KpiPeriod, KpiPeriodKind, periodFromStart, periodOf } from './rules/period';
import { KPI_SEGMENT, canSeeKpi, canSeeTarget } from './kpi.access';
import { kpiLoaders } from './kpi.loaders';
import { KpiProgress, KpiSeriesPoint, MeasuredPoint, finestKind, progressOf, seriesPoint, today, valuePoint } from './rules/series';
import {
  KpiFilter,
  KpiPeriodInput,
  KpiProposalCreateInput,
  KpiProposalReviewInput,
  KpiTargetCreateInput,
  KpiTargetFilter,
  KpiTargetUpdateInput,
} from './kpi.inputs';

const TEXT_CODES = { required: Code.REQUIRED, tooLong: Code.TOO_LONG };
const KPI_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
const MAX_REASON = 4000;

/** Hospitals and independent clinics are the providers seed 004 sets KPI targets for. */
export const KPI_PROVIDER_KINDS: readonly ProviderKind[] = [ProviderKind.HOSPITAL, ProviderKind.INDEPENDENT_CLINIC];

// ---------------------------------------------------------------------------------------------------------------
// Catalogue and proposals.

/** The visibility condition on KPIs for the principal, as a filter: the catalogue, plus the proposals it is party to. */
function visibleKpis(ctx: RequestContext): FilterQuery<Kpi> {
  const p = ctx.principal;
  if (can(p, 'kpi.proposal.read', {})) return {};
  const own: FilterQuery<Kpi>[] = [{ status: KpiDefinitionStatus.CATALOGUE }];
  if (p.organisationKind === 'PROVIDER' && p.providerId !== null) own.push({ proposedBy: p.providerId });
  if (p.organisationKind === 'INSURER' && p.insurerId !== null) own.push({ proposedTo: p.insurerId });
  return { $or: own };
}

export async function listKpis(ctx: RequestContext, filter: KpiFilter | null | undefined, page: PageQuery): Promise<Page<Kpi>> {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<Kpi>[] = [visibleKpis(ctx)];
  if (filter?.statuses) where.push({ status: { $in: filter.statuses } });
  if (filter?.proposedByAgb) where.push({ proposedBy: { agb: filter.proposedByAgb } });
  return findPage(ctx, Kpi, { $and: where }, [{ status: 'asc' }, { code: 'asc' }], page);
}

/** A KPI by code, or null when none exists or it is a proposal the principal is not party to. */
export async function kpiByCode(ctx: RequestContext, code: string): Promise<Kpi | null> {
  authorize(ctx, 'reference.read');
  const kpi = await ctx.em.findOne(Kpi, { code });
  return kpi && canSeeKpi(ctx, kpi) ? kpi : null;
}

export async function kpisByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Kpi | null)[]> {
  return (await findByIds(ctx, Kpi, ids)).map((k) => (k && canSeeKpi(ctx, k) ? k : null));
}

function checkTargetValue(problems: Problems<Code>, field: string, value: string, scoring: KpiScoring): string | null {
  const parsed = parseDecimal(value);
  if (!parsed) {
    problems.add(field, Code.INVALID_DECIMAL, `${field} must be a decimal such as 25 or 25.50; got "${value}".`);
    return null;
  }
  const low = scoring === KpiScoring.REDUCTION ? -100n : 0n;
  if (cmpR(parsed, rational(low)) < 0 || cmpR(parsed, rational(100n)) > 0) {
    problems.add(field, Code.TARGET_OUT_OF_RANGE, `${field} must lie between ${low} and 100 percent; got ${value}.`);
    return null;
  }
  // Stored with two decimals; more would be rounded silently by the column, so refuse them instead, and write
  // the value as the column returns it (25 becomes 25.00) so a mutation answers what a later read shows.
  if (/\.\d{3,}$/.test(value)) {
    problems.add(field, Code.INVALID_DECIMAL, `${field} takes at most two decimals; got ${value}.`);
    return null;
  }
  return toDecimalString(parsed);
}

function checkYear(problems: Problems<Code>, field: string, year: number): boolean {
  if (!isPlausibleYear(year)) {
    problems.add(field, Code.INVALID_YEAR, `${field} must be between 2000 and 2100; got ${year}.`);
    return false;
  }
  if (year < FIRST_KPI_YEAR) {
    problems.add(field, Code.YEAR_NOT_COVERED, `The hybrid-care KPI targets of seed 004 start with contract year ${FIRST_KPI_YEAR}; got ${year}.`);
    return false;
  }
  return true;
}

/** The provider a provider principal acts for, or the one named; a provider principal may name only its own. */
async function providerFor(em: EntityManager, ctx: RequestContext, agb: string | null | undefined): Promise<Provider | null> {
  if (agb) return em.findOne(Provider, { agb: agb.trim() });
  return ctx.principal.providerId !== null ? em.findOne(Provider, { id: ctx.principal.providerId }) : null;
}

/**
 * The namespace of a provider's proposal codes: H, its id, an underscore. Codes stay globally unique (the catalogue,
 * dashboards and exports name a KPI by code), yet a clash can only be with the provider's own proposals: a code never
 * tells a hospital that another hospital proposed something. The id, not the AGB code, since an AGB can be reassigned.
 */
function proposalPrefix(provider: Provider): string {
  return `H${provider.id}_`;
}

/** The stored code of a proposal: the given code in the provider's namespace (given with or without the prefix). */
function proposalCode(provider: Provider, code: string): string {
  const prefix = proposalPrefix(provider);
  return code.startsWith(prefix) ? code : `${prefix}${code}`;
}

export function createProposal(ctx: RequestContext, input: KpiProposalCreateInput): Promise<MutationOutcome<Kpi>> {
  const duplicate = () => ({ field: ['code'], code: Code.DUPLICATE_CODE, message: `Your organisation already proposed a KPI with code ${input.code}.` });
  return runMutation(
    ctx,
    async (em) => {
      const provider = await providerFor(em, ctx, input.providerAgb);
      authorize(ctx, 'kpi.proposal.create', { providerId: provider?.id ?? null });
      const problems = new Problems<Code>();
      if (!KPI_PROVIDER_KINDS.includes(provider!.kind)) {
        problems.add('providerAgb', Code.PROVIDER_KIND_NOT_ELIGIBLE, `KPI proposals are for hospitals and independent clinics; ${provider!.name} is a ${provider!.kind}.`);
      }
      const insurer = await em.findOne(Insurer, { uzovi: input.insurerUzovi.trim() });
      if (!insurer) problems.add('insurerUzovi', Code.UNKNOWN_INSURER, `No insurer has UZOVI code "${input.insurerUzovi}".`);
      checkYear(problems, 'year', input.year);
      const code = proposalCode(provider!, input.code.trim());
      if (!KPI_CODE.test(code)) {
        problems.add('code', Code.INVALID_CODE, `code must be capitals, digits or underscores, starting with a capital, at most ${40 - proposalPrefix(provider!).length} besides the prefix ${proposalPrefix(provider!)}; got "${input.code}".`);
      } else if ((await em.count(Kpi, { code, proposedBy: provider! })) > 0) {
        problems.add('code', Code.DUPLICATE_CODE, duplicate().message);
      }
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      const description = requiredText(problems, 'description', input.description, TEXT_CODES, 4000);
      const numeratorDescription = requiredText(problems, 'numeratorDescription', input.numeratorDescription, TEXT_CODES, 1000);
      let denominatorDescription: string | null;
      if (input.scoring === KpiScoring.REDUCTION && !input.denominatorDescription?.trim()) {
        denominatorDescription = 'The same count in the baseline period of the target.';
      } else {
        denominatorDescription = requiredText(problems, 'denominatorDescription', input.denominatorDescription, TEXT_CODES, 1000);
      }
      const targetValue = checkTargetValue(problems, 'targetValue', input.targetValue, input.scoring);
      problems.throwIfAny();
      const kpi = em.create(Kpi, {
        code,
        name: name!,
        description: description!,
        unit: KpiUnit.PERCENT,
        direction: input.direction,
        scoring: input.scoring,
        measurementKind: KpiMeasurementKind.COUNTS,
        targetValue: targetValue!,
        targetDate: `${input.year}-12-31`,
        needsBaseline: input.scoring === KpiScoring.REDUCTION,
        source: `Proposed by ${provider!.name} (AGB ${provider!.agb}) to ${insurer!.name}`,
        status: KpiDefinitionStatus.PROPOSED,
        numeratorDescription: numeratorDescription!,
        denominatorDescription: denominatorDescription!,
        proposedBy: provider,
        proposedTo: insurer,
        proposalYear: input.year,
        reviewReason: null,
        reviewedAt: null,
      });
      await em.flush();
      return kpi;
    },
    duplicate,
  );
}

/**
 * Throws FORBIDDEN unless the principal could take the action for an insurer that contracts the provider; when
 * only the contract is missing, reports NOT_CONTRACTED as a user error instead, since that is the principal's own
 * business and fixable.
 */
async function authorizeContracting(
  ctx: RequestContext,
  em: EntityManager,
  action: Action,
  facts: ResourceFacts & { insurerId: number; providerId: number },
  year: number,
  field: string,
): Promise<void> {
  const contracting = (await purchasingInsurerIds(em, [facts.providerId], year, KPI_SEGMENT)).get(facts.providerId)!;
  if (can(ctx.principal, action, { ...facts, purchasingInsurerIds: [...contracting] })) return;
  authorize(ctx, action, { ...facts, purchasingInsurerIds: [facts.insurerId] });
  fail(field, Code.NOT_CONTRACTED, `Your insurer has no signed ${KPI_SEGMENT} contract with this provider covering ${year}.`);
}

export function reviewProposal(ctx: RequestContext, input: KpiProposalReviewInput): Promise<MutationOutcome<Kpi>> {
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'Kpi');
    const kpi = id ? await em.findOne(Kpi, { id }) : null;
    if (!kpi || kpi.status === KpiDefinitionStatus.CATALOGUE || !canSeeKpi(ctx, kpi)) fail('id', Code.NOT_FOUND, 'No KPI proposal you may see has this ID.');
    await authorizeContracting(ctx, em, 'kpi.proposal.review', { insurerId: kpi.proposedTo!.id, providerId: kpi.proposedBy!.id }, kpi.proposalYear!, 'id');
    if (kpi.status !== KpiDefinitionStatus.PROPOSED) {
      fail('id', Code.ALREADY_REVIEWED, `This proposal was ${kpi.status.toLowerCase()} on ${kpi.reviewedAt?.toISOString().slice(0, 10)}.`);
    }
    const problems = new Problems<Code>();
    const reason = optionalText(problems, 'reason', input.reason, Code.TOO_LONG, MAX_REASON) || null;
    if (input.decision === KpiReviewDecision.REJECT && !reason) {
      problems.add('reason', Code.REQUIRED, 'A rejection needs a reason, so the hospital knows what to change.');
    }
    problems.throwIfAny();
    kpi.status = input.decision === KpiReviewDecision.APPROVE ? KpiDefinitionStatus.APPROVED : KpiDefinitionStatus.REJECTED;
    kpi.reviewReason = reason;
    kpi.reviewedAt = new Date();
    await em.flush();
    return kpi;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Targets.

export async function listTargets(ctx: RequestContext, filter: KpiTargetFilter | null | undefined, page: PageQuery): Promise<Page<KpiTarget>> {
  const p = ctx.principal;
  const where: FilterQuery<KpiTarget> = {};
  if (!can(p, 'kpi.target.read', {})) {
    if (p.organisationKind === 'INSURER' && p.insurerId !== null) where.insurer = p.insurerId;
    else if (p.organisationKind === 'PROVIDER' && p.providerId !== null) where.provider = p.providerId;
    else throw new AppError('FORBIDDEN', 'Not allowed: KPI targets are read by their insurer, their provider and operator admins.');
  }
  const and: FilterQuery<KpiTarget>[] = [where];
  if (filter?.year != null) and.push({ year: filter.year });
  if (filter?.kpiCode) and.push({ kpi: { code: filter.kpiCode } });
  if (filter?.insurerUzovi) and.push({ insurer: { uzovi: filter.insurerUzovi } });
  if (filter?.providerAgb) and.push({ provider: { agb: filter.providerAgb } });
  const page$ = await findPage(ctx, KpiTarget, { $and: and }, [{ year: 'desc' }, { id: 'asc' }], page);
  auditTargets(ctx, 'kpiTargets', page$.items);
  return page$;
}

export function auditTargets(ctx: RequestContext, operation: string, targets: readonly KpiTarget[]): void {
  if (targets.length === 0) return;
  ctx.audit({
    kind: AuditKind.READ,
    operation,
    objectIds: targets.map((t) => t.globalId),
    outcome: AuditOutcome.SUCCESS,
    ownerInsurerIds: targets.map((t) => t.insurer.id),
    ownerProviderIds: targets.map((t) => t.provider.id),
  });
}

export async function targetsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(KpiTarget | null)[]> {
  const targets = (await findByIds(ctx, KpiTarget, ids)).map((t) => (t && canSeeTarget(ctx, t) ? t : null));
  auditTargets(ctx, 'node', targets.filter((t): t is KpiTarget => t !== null));
  return targets;
}

interface TargetFields {
  targetValue?: string | null;
  targetDate?: string | null;
  baselinePeriod?: KpiPeriodInput | null;
  obligation?: KpiObligation | null;
  obligationOverrideReason?: string | null;
}

/** The baseline period of a reduction target: a whole month, quarter or year that ends before the target year. */
function checkBaseline(problems: Problems<Code>, input: KpiPeriodInput | null | undefined, kpi: Kpi, year: number): KpiPeriod | null {
  if (!kpi.needsBaseline) {
    if (input) problems.add('baselinePeriod', Code.BASELINE_NOT_ALLOWED, `${kpi.code} is not a reduction and takes no baseline period.`);
    return null;
  }
  if (!input) {
    problems.add('baselinePeriod', Code.BASELINE_REQUIRED, `${kpi.code} is a reduction: give the baseline period it is measured against.`);
    return null;
  }
  const period = periodOf(input.kind, input.year, input.number);
  if (typeof period === 'string') {
    problems.add('baselinePeriod', Code.INVALID_PERIOD, `baselinePeriod: ${period}`);
    return null;
  }
  if (period.end >= `${year}-01-01`) {
    problems.add('baselinePeriod', Code.BASELINE_PERIOD_NOT_BEFORE, `The baseline period ${period.label} must end before the target year ${year} starts.`);
    return null;
  }
  return period;
}

/** The obligation the seed-004 rule derives for this insurer, provider and year, with its reason. */
export async function derive(em: EntityManager, insurerId: number, provider: Provider, year: number) {
  const leaders = await marketLeaders(em, year);
  const regionId = provider.region?.id ?? null;
  const decision = deriveObligation({
    year,
    providerKind: provider.kind === ProviderKind.HOSPITAL ? KpiProviderKind.HOSPITAL : KpiProviderKind.INDEPENDENT_CLINIC,
    insurerIsMarketLeaderInProviderRegion: regionId !== null && leaders.get(regionId) === insurerId,
  });
  if (!decision.ok) throw new Error(`deriveObligation refused a checked input: ${JSON.stringify(decision.errors)}`);
  return decision.data;
}

/** Sets value, date, baseline and obligation on a target from an input, collecting every problem. */
async function applyTargetFields(
  em: EntityManager,
  problems: Problems<Code>,
  target: KpiTarget,
  kpi: Kpi,
  provider: Provider,
  input: TargetFields,
  isNew: boolean,
): Promise<void> {
  if (input.targetValue != null) {
    const value = checkTargetValue(problems, 'targetValue', input.targetValue, kpi.scoring);
    if (value) target.targetValue = value;
  }
  if (input.targetDate != null) {
    if (!input.targetDate.startsWith(`${target.year}-`)) {
      problems.add('targetDate', Code.TARGET_DATE_OUTSIDE_YEAR, `targetDate ${input.targetDate} does not lie in the target year ${target.year}.`);
    } else {
      target.targetDate = input.targetDate;
    }
  }
  if (input.baselinePeriod !== undefined || !target.baselineStart) {
    const baseline = checkBaseline(problems, input.baselinePeriod, kpi, target.year);
    target.baselineKind = baseline?.kind ?? null;
    target.baselineStart = baseline?.start ?? null;
    target.baselineEnd = baseline?.end ?? null;
  }
  const derived = await derive(em, target.insurer.id, provider, target.year);
  target.derivedObligation = derived.obligation;
  target.derivedReason = derived.reason;
  const wanted = input.obligation ?? (isNew ? derived.obligation : target.obligation);
  const reason = optionalText(problems, 'obligationOverrideReason', input.obligationOverrideReason, Code.TOO_LONG, MAX_REASON) || null;
  if (wanted === derived.obligation) {
    target.obligation = wanted;
    target.obligationSource = ObligationSource.DERIVED;
    target.overrideReason = null;
  } else if (input.obligation == null) {
    // An earlier override stays, with its reason, while the rule still derives something else.
    target.obligation = wanted;
  } else if (!reason) {
    problems.add(
      'obligationOverrideReason',
      Code.OVERRIDE_REASON_REQUIRED,
      `The rule derives ${derived.obligation} (${derived.reason}) Setting ${wanted} needs a reason, which is recorded.`,
    );
  } else {
    target.obligation = wanted;
    target.obligationSource = ObligationSource.OVERRIDDEN;
    target.overrideReason = reason;
  }
}

/** Whether a KPI may be used for a target or a measurement of this provider (and insurer, for a target). */
export function kpiUsableFor(kpi: Kpi, providerId: number, insurerId?: number): boolean {
  if (kpi.status === KpiDefinitionStatus.CATALOGUE) return true;
  return (
    kpi.status === KpiDefinitionStatus.APPROVED &&
    kpi.proposedBy?.id === providerId &&
    (insurerId === undefined || kpi.proposedTo?.id === insurerId)
  );
}

export function createTarget(ctx: RequestContext, input: KpiTargetCreateInput): Promise<MutationOutcome<KpiTarget>> {
  const duplicate = () => ({
    field: ['kpiCode'],
    code: Code.DUPLICATE_TARGET,
    message: `Your insurer already has a ${input.kpiCode} target for this provider in ${input.year}; change that one instead.`,
  });
  return runMutation(
    ctx,
    async (em) => {
      const p = ctx.principal;
      // Only an insurer's staff writes targets, and only its own insurer's: decided before anything is looked up.
      authorize(ctx, 'kpi.target.write', { insurerId: p.insurerId, purchasingInsurerIds: p.insurerId !== null ? [p.insurerId] : [] });
      const insurer = input.insurerUzovi ? await em.findOne(Insurer, { uzovi: input.insurerUzovi.trim() }) : await em.findOne(Insurer, { id: p.insurerId! });
      if (!insurer) fail('insurerUzovi', Code.UNKNOWN_INSURER, `No insurer has UZOVI code "${input.insurerUzovi}".`);
      authorize(ctx, 'kpi.target.write', { insurerId: insurer.id, purchasingInsurerIds: [insurer.id] });
      const provider = await em.findOne(Provider, { agb: input.providerAgb.trim() });
      if (!provider) fail('providerAgb', Code.UNKNOWN_PROVIDER, `No provider has AGB code "${input.providerAgb}".`);
      const problems = new Problems<Code>();
      if (!checkYear(problems, 'year', input.year)) problems.throwIfAny();
      await authorizeContracting(ctx, em, 'kpi.target.write', { insurerId: insurer.id, providerId: provider.id }, input.year, 'providerAgb');
      const kpi = await em.findOne(Kpi, { code: input.kpiCode.trim() });
      if (!kpi || !canSeeKpi(ctx, kpi)) fail('kpiCode', Code.UNKNOWN_KPI, `No KPI you may use has code "${input.kpiCode}".`);
      if (!kpiUsableFor(kpi, provider.id, insurer.id)) {
        problems.add('kpiCode', Code.KPI_NOT_USABLE, `${kpi.code} is a proposed KPI that is ${kpi.status.toLowerCase()}, or not one this provider proposed to your insurer.`);
      }
      if (!KPI_PROVIDER_KINDS.includes(provider.kind)) {
        problems.add('providerAgb', Code.PROVIDER_KIND_NOT_ELIGIBLE, `KPI targets are for hospitals and independent clinics; ${provider.name} is a ${provider.kind}.`);
      }
      if ((await em.count(KpiTarget, { insurer, provider, kpi, year: input.year })) > 0) problems.add('kpiCode', Code.DUPLICATE_TARGET, duplicate().message);
      problems.throwIfAny();
      const target = em.create(KpiTarget, {
        insurer,
        provider,
        kpi,
        year: input.year,
        targetValue: kpi.targetValue,
        targetDate: `${input.year}-12-31`,
        baselineKind: null,
        baselineStart: null,
        baselineEnd: null,
        obligation: KpiObligation.BEST_EFFORT,
        derivedObligation: KpiObligation.BEST_EFFORT,
        derivedReason: '',
        obligationSource: ObligationSource.DERIVED,
        overrideReason: null,
        changedBy: p.subject,
      });
      await applyTargetFields(em, problems, target, kpi, provider, input, true);
      problems.throwIfAny();
      await em.flush();
      return target;
    },
    duplicate,
  );
}

export function updateTarget(ctx: RequestContext, input: KpiTargetUpdateInput): Promise<MutationOutcome<KpiTarget>> {
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'KpiTarget');
    const target = id ? await em.findOne(KpiTarget, { id }, { populate: ['kpi', 'provider'] }) : null;
    if (!target || !canSeeTarget(ctx, target)) fail('id', Code.NOT_FOUND, 'No KPI target you may see has this ID.');
    await authorizeContracting(ctx, em, 'kpi.target.write', { insurerId: target.insurer.id, providerId: target.provider.id }, target.year, 'id');
    const problems = new Problems<Code>();
    await applyTargetFields(em, problems, target, target.kpi.getEntity(), target.provider.getEntity(), input, false);
    problems.throwIfAny();
    target.changedBy = ctx.principal.subject;
    await em.flush();
    return target;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Progress and series of targets, batched.

export interface TargetFigures {
  /** Current measurements of the target year, all kinds. */
  points: MeasuredPoint[];
  /** The current count in the baseline period, when the KPI needs one and it was submitted. */
  baselineCount: number | null;
}

/** The figures behind each target's progress, one statement for any number of targets. */
export function targetFigures(ctx: RequestContext, target: KpiTarget): Promise<TargetFigures> {
  return kpiLoaders.targetFigures.of(ctx).load(target.id);
}

async function valuedFigures(ctx: RequestContext, target: KpiTarget) {
  const [kpi, figures] = await Promise.all([target.kpi.load(), targetFigures(ctx, target)]);
  const baseline = target.baselineKind && figures.baselineCount !== null ? { kind: target.baselineKind, count: figures.baselineCount } : null;
  return { kpi: kpi!, points: figures.points.map((point) => valuePoint(kpi!.scoring, point, baseline)) };
}

export async function targetProgress(ctx: RequestContext, target: KpiTarget, asOf: string | null | undefined, kind: KpiPeriodKind | null | undefined): Promise<KpiProgress> {
  const { kpi, points } = await valuedFigures(ctx, target);
  return progressOf(
    { scoring: kpi.scoring, direction: kpi.direction, year: target.year, targetValue: target.targetValue, targetDate: target.targetDate },
    points,
    kind ?? finestKind(points),
    asOf ?? today(),
  );
}

export async function targetSeries(ctx: RequestContext, target: KpiTarget, kind: KpiPeriodKind | null | undefined): Promise<KpiSeriesPoint[]> {
  const { points } = await valuedFigures(ctx, target);
  const chosen = kind ?? finestKind(points);
  return points.filter((p) => p.kind === chosen).map(seriesPoint);
}

export function baselinePeriodOf(target: KpiTarget): KpiPeriod | null {
  return target.baselineKind && target.baselineStart ? periodFromStart(target.baselineKind, target.baselineStart) : null;
}
