import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { badInput } from '../core/errors';
import { authorize } from '../auth/access-policy';
import { Row, dir, findRowPage, findRows, findRowsByIds } from '../db/find-page';
import { isPlausibleYear, requiredText } from '../shared/validation';
import { Insurer } from '../insurer/insurer.entity';
import { Segment } from '../segment/segment.entity';
import { PurchasingPolicy } from './purchasing-policy.entity';
import { PolicyMilestone } from './policy-milestone.entity';
import { PolicyErrorCode as Code } from './purchasing-policy.errors';
import { purchasingPolicyLoaders } from './purchasing-policy.loaders';
import {
  PolicyMilestoneCreateInput,
  PolicyMilestoneUpdateInput,
  PurchasingPolicyCreateInput,
  PurchasingPolicyFilter,
  PurchasingPolicyOrder,
  PurchasingPolicyOrderField,
  PurchasingPolicyUpdateInput,
} from './purchasing-policy.inputs';

const TEXT_CODES = { required: Code.REQUIRED, tooLong: Code.TOO_LONG };
const MAX_SUMMARY = 8000;
const MAX_WINDOW_DAYS = 3660;

export async function listPolicies(
  ctx: RequestContext,
  filter: PurchasingPolicyFilter | null | undefined,
  order: PurchasingPolicyOrder | null | undefined,
  page: PageQuery,
): Promise<Page<Row<PurchasingPolicy>>> {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<PurchasingPolicy> = {};
  if (filter?.insurerUzovi) where.insurer = { uzovi: filter.insurerUzovi };
  if (filter?.segmentCode) where.segment = { code: filter.segmentCode };
  if (filter?.year != null) Object.assign(where, { firstYear: { $lte: filter.year }, lastYear: { $gte: filter.year } });
  const column = order?.field === PurchasingPolicyOrderField.FIRST_YEAR ? 'firstYear' : 'publishedOn';
  return findRowPage(ctx, PurchasingPolicy, where, [{ [column]: order ? dir(order.direction) : 'desc' }], page);
}

/** The policy of an insurer for a segment that covers a contract year (a two-year policy covers both). */
export async function policyFor(ctx: RequestContext, insurerUzovi: string, segmentCode: string, year: number): Promise<Row<PurchasingPolicy> | null> {
  authorize(ctx, 'reference.read');
  const where = { insurer: { uzovi: insurerUzovi }, segment: { code: segmentCode }, firstYear: { $lte: year }, lastYear: { $gte: year } };
  return (await findRows(ctx, PurchasingPolicy, where, []))[0] ?? null;
}

export async function policiesByIds(ctx: RequestContext, ids: readonly number[]) {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, PurchasingPolicy, ids);
}

/** A policy by id, batched across the request (the policy of each milestone). */
export function policyById(ctx: RequestContext, id: number): Promise<Row<PurchasingPolicy> | null> {
  return purchasingPolicyLoaders.byId.of(ctx).load(id);
}

export async function milestonesByIds(ctx: RequestContext, ids: readonly number[]) {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, PolicyMilestone, ids);
}

/** The calendar of a policy in date order, batched across policies. */
export function milestonesOf(ctx: RequestContext, policyId: number): Promise<Row<PolicyMilestone>[]> {
  authorize(ctx, 'reference.read');
  return purchasingPolicyLoaders.milestones.of(ctx).load(policyId);
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Milestones from a date for a number of days (both ends included), in date order. */
export async function upcomingMilestones(
  ctx: RequestContext,
  args: { from: string; days: number; insurerUzovi?: string | null; segmentCode?: string | null },
  page: PageQuery,
): Promise<Page<Row<PolicyMilestone>>> {
  authorize(ctx, 'reference.read');
  if (!Number.isInteger(args.days) || args.days < 0 || args.days > MAX_WINDOW_DAYS) {
    throw badInput(`days must be between 0 and ${MAX_WINDOW_DAYS}; got ${args.days}.`, { argument: 'days' });
  }
  const where: FilterQuery<PolicyMilestone> = { date: { $gte: args.from, $lte: addDays(args.from, args.days) } };
  const policy: FilterQuery<PurchasingPolicy> = {};
  if (args.insurerUzovi) policy.insurer = { uzovi: args.insurerUzovi };
  if (args.segmentCode) policy.segment = { code: args.segmentCode };
  if (Object.keys(policy).length > 0) where.policy = policy;
  return findRowPage(ctx, PolicyMilestone, where, [{ date: 'asc' }], page);
}

function checkYears(problems: Problems<Code>, firstYear: number, lastYear: number): void {
  if (!isPlausibleYear(firstYear)) problems.add('firstYear', Code.INVALID_YEAR, `firstYear must be between 2000 and 2100; got ${firstYear}.`);
  if (!isPlausibleYear(lastYear) || lastYear < firstYear) {
    problems.add('lastYear', Code.INVALID_YEAR, `lastYear must be between firstYear (${firstYear}) and 2100; got ${lastYear}.`);
  }
}

function checkTerm(problems: Problems<Code>, term: number): void {
  if (!Number.isInteger(term) || term < 1 || term > 5) problems.add('contractTermYears', Code.INVALID_TERM, `contractTermYears must be 1 to 5; got ${term}.`);
}

function checkSummary(problems: Problems<Code>, summary: string): string {
  const clean = summary.trim();
  if (clean.length > MAX_SUMMARY) problems.add('summary', Code.TOO_LONG, `summary may be at most ${MAX_SUMMARY} characters.`);
  return clean;
}

/** Milestones may precede the contract years (publication, talks) but not by more than two years. */
function checkMilestoneDate(problems: Problems<Code>, field: string, date: string, policy: PurchasingPolicy): void {
  const from = `${policy.firstYear - 2}-01-01`;
  const to = `${policy.lastYear + 1}-12-31`;
  if (date < from || date > to) {
    problems.add(field, Code.DATE_OUT_OF_RANGE, `${field} ${date} lies outside ${from} to ${to}, the window of a ${policy.firstYear}-${policy.lastYear} policy.`);
  }
}

/** Takes ids, not entities: on update the policy's insurer and segment are unloaded references. */
async function overlapping(em: RequestContext['em'], insurerId: number, segmentId: number, firstYear: number, lastYear: number, exceptId?: number) {
  const where: FilterQuery<PurchasingPolicy> = { insurer: insurerId, segment: segmentId, firstYear: { $lte: lastYear }, lastYear: { $gte: firstYear } };
  if (exceptId) where.id = { $ne: exceptId };
  return em.findOne(PurchasingPolicy, where);
}

export function createPolicy(ctx: RequestContext, input: PurchasingPolicyCreateInput): Promise<MutationOutcome<PurchasingPolicy>> {
  return runMutation(ctx, async (em) => {
    const insurer = await em.findOne(Insurer, { uzovi: input.insurerUzovi.trim() });
    authorize(ctx, 'policy.write', { insurerId: insurer?.id ?? null });
    const problems = new Problems<Code>();
    if (!insurer) problems.add('insurerUzovi', Code.UNKNOWN_INSURER, `No insurer has UZOVI code "${input.insurerUzovi}".`);
    const segment = await em.findOne(Segment, { code: input.segmentCode.trim() });
    if (!segment) problems.add('segmentCode', Code.UNKNOWN_SEGMENT, `No segment has code "${input.segmentCode}".`);
    const lastYear = input.lastYear ?? input.firstYear;
    checkYears(problems, input.firstYear, lastYear);
    checkTerm(problems, input.contractTermYears);
    const title = requiredText(problems, 'title', input.title, TEXT_CODES, 300);
    const sourceDocument = requiredText(problems, 'sourceDocument', input.sourceDocument, TEXT_CODES);
    const summary = checkSummary(problems, input.summary);
    if (insurer && segment && !problems.any) {
      const clash = await overlapping(em, insurer.id, segment.id, input.firstYear, lastYear);
      if (clash) {
        problems.add('firstYear', Code.OVERLAPPING_POLICY, `${insurer.name} already has a ${segment.code} policy for ${clash.firstYear}-${clash.lastYear}.`);
      }
    }
    problems.throwIfAny();
    const policy = em.create(PurchasingPolicy, {
      insurer: insurer!,
      segment: segment!,
      firstYear: input.firstYear,
      lastYear,
      publishedOn: input.publishedOn,
      contractTermYears: input.contractTermYears,
      title: title!,
      sourceDocument: sourceDocument!,
      summary,
    });
    await em.flush();
    return policy;
  });
}

/** The policy behind a global ID, after checking that the principal may change it. */
async function writablePolicy(ctx: RequestContext, em: RequestContext['em'], globalId: string, field: string): Promise<PurchasingPolicy> {
  const id = idOfType(globalId, 'PurchasingPolicy');
  const policy = id ? await em.findOne(PurchasingPolicy, { id }) : null;
  if (!policy) fail(field, Code.NOT_FOUND, 'No purchasing policy has this ID.');
  authorize(ctx, 'policy.write', { insurerId: policy.insurer.id });
  return policy;
}

export function updatePolicy(ctx: RequestContext, input: PurchasingPolicyUpdateInput): Promise<MutationOutcome<PurchasingPolicy>> {
  return runMutation(ctx, async (em) => {
    const policy = await writablePolicy(ctx, em, input.id, 'id');
    const problems = new Problems<Code>();
    if (input.lastYear != null) {
      checkYears(problems, policy.firstYear, input.lastYear);
      if (!problems.any) {
        const clash = await overlapping(em, policy.insurer.id, policy.segment.id, policy.firstYear, input.lastYear, policy.id);
        if (clash) problems.add('lastYear', Code.OVERLAPPING_POLICY, `The insurer already has a policy for ${clash.firstYear}-${clash.lastYear} in this segment.`);
        else policy.lastYear = input.lastYear;
      }
    }
    if (input.publishedOn != null) policy.publishedOn = input.publishedOn;
    if (input.contractTermYears != null) {
      checkTerm(problems, input.contractTermYears);
      policy.contractTermYears = input.contractTermYears;
    }
    if (input.title != null) {
      const title = requiredText(problems, 'title', input.title, TEXT_CODES, 300);
      if (title) policy.title = title;
    }
    if (input.summary != null) policy.summary = checkSummary(problems, input.summary);
    problems.throwIfAny();
    await em.flush();
    return policy;
  });
}

export function createMilestone(ctx: RequestContext, input: PolicyMilestoneCreateInput): Promise<MutationOutcome<PolicyMilestone>> {
  return runMutation(ctx, async (em) => {
    const policy = await writablePolicy(ctx, em, input.policyId, 'policyId');
    const problems = new Problems<Code>();
    checkMilestoneDate(problems, 'date', input.date, policy);
    const description = requiredText(problems, 'description', input.description, TEXT_CODES, 2000);
    problems.throwIfAny();
    const milestone = em.create(PolicyMilestone, { policy, date: input.date, kind: input.kind, description: description! });
    await em.flush();
    return milestone;
  });
}

export function updateMilestone(ctx: RequestContext, input: PolicyMilestoneUpdateInput): Promise<MutationOutcome<PolicyMilestone>> {
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'PolicyMilestone');
    const milestone = id ? await em.findOne(PolicyMilestone, { id }, { populate: ['policy'] }) : null;
    if (!milestone) fail('id', Code.NOT_FOUND, 'No milestone has this ID.');
    const policy = milestone.policy.getEntity();
    authorize(ctx, 'policy.write', { insurerId: policy.insurer.id });
    const problems = new Problems<Code>();
    if (input.date != null) {
      checkMilestoneDate(problems, 'date', input.date, policy);
      milestone.date = input.date;
    }
    if (input.kind != null) milestone.kind = input.kind;
    if (input.description != null) {
      const description = requiredText(problems, 'description', input.description, TEXT_CODES, 2000);
      if (description) milestone.description = description;
    }
    problems.throwIfAny();
    await em.flush();
    return milestone;
  });
}
