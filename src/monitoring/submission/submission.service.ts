import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { PageQuery, Page } from '../../core/paging';
import { runMutation, MutationOutcome } from '../../core/mutation';
import { fail } from '../../core/problems';
import { idOfType } from '../../core/global-id';
import { findPage } from '../../db/find-page';
import { authorize, can, ResourceFacts } from '../../auth/access-policy';
import { AuditKind, AuditOutcome } from '../../auth/audit-event.entity';
import { OrganisationKindEnum } from '../../auth/api-token.entity';
import { Insurer } from '../../insurer/insurer.entity';
import { MonitoringSubmission } from './submission.entity';
import { MonitoringSubmissionVersion, currentVersionOf } from './submission-version.entity';
import { MonitoringSubmissionEvent } from './submission-event.entity';
import { SubmissionEventKind, SubmissionStatus } from '../monitoring.enums';
import { MonitoringErrorCode as Code } from '../monitoring.errors';
import { FunctionYear, ReadScope, allowedKeys, factsFor, isAllowed, keyOf, readableScope } from '../monitoring.access';
import { MonitoringPeriod } from '../zn';
import { monitoringLoaders } from '../monitoring.loaders';

export interface SubmissionFilter {
  year?: number | null;
  period?: MonitoringPeriod | null;
  status?: SubmissionStatus[] | null;
  coordinationFunctionAgb?: string | null;
  regionCode?: string | null;
}

const functionYearOf = (s: MonitoringSubmission): FunctionYear => ({ providerId: s.provider.id, year: s.year });

/** Logs that the principal read these submissions (batched by the audit log, costs the request nothing). */
export function auditRead(ctx: RequestContext, operation: string, submissions: readonly MonitoringSubmission[]): void {
  if (submissions.length === 0) return;
  ctx.audit({
    kind: AuditKind.READ,
    operation,
    objectIds: submissions.map((s) => s.globalId),
    outcome: AuditOutcome.SUCCESS,
    ownerProviderIds: submissions.map((s) => s.provider.id),
  });
}

/** The scope as a condition on submissions: per year, the coordination functions the principal may read. */
export function scopeFilter(scope: ReadScope): FilterQuery<MonitoringSubmission> {
  if (scope.kind === 'all') return {};
  if (scope.kind === 'provider') return { provider: scope.providerId };
  const byYear = new Map<number, number[]>();
  for (const pair of scope.pairs) byYear.set(pair.year, [...(byYear.get(pair.year) ?? []), pair.providerId]);
  if (byYear.size === 0) return { id: { $in: [] } };
  return { $or: [...byYear].map(([year, providers]) => ({ year, provider: { $in: providers } })) };
}

/** Submissions the principal may read, newest year first, then by coordination function and period. */
export async function listSubmissions(ctx: RequestContext, filter: SubmissionFilter | null | undefined, page: PageQuery): Promise<Page<MonitoringSubmission>> {
  const scope = await readableScope(ctx, filter?.year ?? null);
  const where: FilterQuery<MonitoringSubmission>[] = [scopeFilter(scope)];
  if (filter?.year != null) where.push({ year: filter.year });
  if (filter?.period) where.push({ period: filter.period });
  if (filter?.status?.length) where.push({ status: { $in: filter.status } });
  if (filter?.coordinationFunctionAgb) where.push({ provider: { agb: filter.coordinationFunctionAgb } });
  if (filter?.regionCode) where.push({ provider: { region: { code: filter.regionCode } } });
  const result = await findPage(ctx, MonitoringSubmission, { $and: where }, [{ year: 'desc' }, { provider: 'asc' }, { period: 'asc' }], page);
  auditRead(ctx, 'monitoringSubmissions', result.items);
  return result;
}

/** Submissions by id for node/nodes: null for each the principal may not read, as if it did not exist. */
export async function submissionsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(MonitoringSubmission | null)[]> {
  const rows = await ctx.em.find(MonitoringSubmission, { id: { $in: [...ids] } });
  const allowed = await allowedKeys(ctx, 'monitoring.read', rows.map(functionYearOf));
  const visible = rows.filter((s) => allowed.has(keyOf(functionYearOf(s))));
  auditRead(ctx, 'node', visible);
  const byId = new Map(visible.map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** One submission by its natural key, or null when it does not exist or may not be read. */
export async function submissionFor(ctx: RequestContext, agb: string, year: number, period: MonitoringPeriod): Promise<MonitoringSubmission | null> {
  const submission = await ctx.em.findOne(MonitoringSubmission, { provider: { agb }, year, period });
  // Decided even when there is none, so that a forbidden submission and a missing one cost the same statements.
  const allowed = await isAllowed(ctx, 'monitoring.read', submission ? functionYearOf(submission) : { providerId: 0, year });
  if (!submission || !allowed) return null;
  auditRead(ctx, 'monitoringSubmission', [submission]);
  return submission;
}

/**
 * Versions by id for node/nodes, visible when their submission is: superseded ones from the version table, the
 * current ones from their submissions.
 */
export async function versionsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(MonitoringSubmissionVersion | null)[]> {
  const [superseded, current] = [
    await ctx.em.find(MonitoringSubmissionVersion, { id: { $in: [...ids] } }, { populate: ['submission'] }),
    await ctx.em.find(MonitoringSubmission, { versionId: { $in: [...ids] } }),
  ];
  const rows = [...superseded, ...current.map(currentVersionOf)];
  const allowed = await allowedKeys(ctx, 'monitoring.read', rows.map((v) => functionYearOf(v.submission.getEntity())));
  const visible = rows.filter((v) => allowed.has(keyOf(functionYearOf(v.submission.getEntity()))));
  auditRead(ctx, 'node', visible.map((v) => v.submission.getEntity()));
  const byId = new Map(visible.map((v) => [v.id, v]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Events by id for node/nodes, visible when their submission is. */
export async function eventsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(MonitoringSubmissionEvent | null)[]> {
  const rows = await ctx.em.find(MonitoringSubmissionEvent, { id: { $in: [...ids] } }, { populate: ['submission'] });
  const allowed = await allowedKeys(ctx, 'monitoring.read', rows.map((e) => functionYearOf(e.submission.getEntity())));
  const byId = new Map(rows.filter((e) => allowed.has(keyOf(functionYearOf(e.submission.getEntity())))).map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** All versions of each submission, newest first: the current one, then the superseded ones (batched). */
export async function versionsOf(ctx: RequestContext, submission: MonitoringSubmission): Promise<MonitoringSubmissionVersion[]> {
  const superseded =
    submission.version === 1
      ? []
      : await monitoringLoaders.versions.of(ctx).load(submission.id);
  return [currentVersionOf(submission), ...superseded];
}

/** The status history of each submission, oldest first. */
export function eventsOf(ctx: RequestContext, submission: MonitoringSubmission): Promise<MonitoringSubmissionEvent[]> {
  return monitoringLoaders.events.of(ctx).load(submission.id);
}

/**
 * The workflow steps a viewer may be offered: submit ('monitoring.write'), accept and reject ('monitoring.review'),
 * reopen ('monitoring.reopen').
 */
export type StepAction = 'monitoring.write' | 'monitoring.review' | 'monitoring.reopen';
export const STEP_ACTIONS: readonly StepAction[] = ['monitoring.write', 'monitoring.review', 'monitoring.reopen'];

/**
 * Whether the principal may take a workflow step on a submission, whatever its status: the policy rule the step's
 * mutation authorizes with, on the same facts, so a page offers exactly the steps the API will take. Batched per
 * request (the purchasers and the preferred insurers in one statement each, for every listed submission).
 */
export async function viewerMay(ctx: RequestContext, action: StepAction, submission: MonitoringSubmission): Promise<boolean> {
  const allowed = await monitoringLoaders.stepActions.of(ctx).load(functionYearOf(submission));
  return allowed.has(action);
}

const MAX_REASON = 2000;

function reasonOf(reason: string | null | undefined): string {
  const clean = (reason ?? '').trim();
  if (!clean) fail('reason', Code.REASON_REQUIRED, 'Give a reason: the coordination function and the audit log need it.');
  if (clean.length > MAX_REASON) fail('reason', Code.TOO_LONG, `A reason may be at most ${MAX_REASON} characters; it has ${clean.length}.`);
  return clean;
}

/**
 * Loads a submission for a workflow step under the same per-function lock as imports, so a review never
 * interleaves with an upload, with the policy facts of its function-year for the step's own check. A submission
 * the principal may not read is reported as not found.
 */
async function lockForStep(ctx: RequestContext, em: EntityManager, globalId: string): Promise<{ submission: MonitoringSubmission; facts: ResourceFacts }> {
  const id = idOfType(globalId, 'MonitoringSubmission');
  const found = id ? await em.findOne(MonitoringSubmission, { id }) : null;
  const facts = found ? await factsFor(ctx, functionYearOf(found), em) : null;
  if (!found || !can(ctx.principal, 'monitoring.read', facts!)) {
    fail('id', Code.NOT_FOUND, 'No monitoring submission you may see has this ID.');
  }
  await em.execute('select pg_advisory_xact_lock(7301, ?)', [found.provider.id]);
  await em.refresh(found);
  return { submission: found, facts: facts! };
}

function requireStatus(submission: MonitoringSubmission, allowed: SubmissionStatus[], step: string): void {
  if (!allowed.includes(submission.status)) {
    fail('id', Code.INVALID_STATUS, `Only a submission that is ${allowed.join(' or ')} can be ${step}; this one is ${submission.status}.`);
  }
}

function recordEvent(
  ctx: RequestContext,
  em: EntityManager,
  submission: MonitoringSubmission,
  kind: SubmissionEventKind,
  from: SubmissionStatus,
  reason: string | null = null,
): void {
  em.create(MonitoringSubmissionEvent, {
    submission,
    kind,
    fromStatus: from,
    toStatus: submission.status,
    version: submission.version,
    actorKind: ctx.principal.organisationKind as OrganisationKindEnum,
    actorCode: ctx.principal.organisationCode,
    actorSubject: ctx.principal.subject,
    reason,
    occurredAt: new Date(),
  });
}

/** The coordination function submits a draft (or a rejected submission) for review. */
export function submitSubmission(ctx: RequestContext, globalId: string): Promise<MutationOutcome<MonitoringSubmission>> {
  return runMutation(ctx, async (em) => {
    const { submission, facts } = await lockForStep(ctx, em, globalId);
    authorize(ctx, 'monitoring.write', facts);
    requireStatus(submission, [SubmissionStatus.DRAFT, SubmissionStatus.REJECTED], 'submitted');
    const from = submission.status;
    submission.status = SubmissionStatus.SUBMITTED;
    submission.submittedAt = new Date();
    submission.rejectionReason = null;
    recordEvent(ctx, em, submission, SubmissionEventKind.SUBMITTED, from);
    await em.flush();
    return submission;
  });
}

/** The preferred insurer accepts a submitted submission, which locks it. */
export function acceptSubmission(ctx: RequestContext, globalId: string): Promise<MutationOutcome<MonitoringSubmission>> {
  return runMutation(ctx, async (em) => {
    const { submission, facts } = await lockForStep(ctx, em, globalId);
    authorize(ctx, 'monitoring.review', facts);
    requireStatus(submission, [SubmissionStatus.SUBMITTED], 'accepted');
    submission.status = SubmissionStatus.ACCEPTED;
    submission.reviewedAt = new Date();
    submission.reviewedBy = em.getReference(Insurer, ctx.principal.insurerId!, { wrapped: true });
    submission.reviewedBySubject = ctx.principal.subject;
    recordEvent(ctx, em, submission, SubmissionEventKind.ACCEPTED, SubmissionStatus.SUBMITTED);
    await em.flush();
    return submission;
  });
}

/** The preferred insurer rejects a submitted submission, with a reason for the coordination function. */
export function rejectSubmission(ctx: RequestContext, globalId: string, reason: string): Promise<MutationOutcome<MonitoringSubmission>> {
  return runMutation(ctx, async (em) => {
    const { submission, facts } = await lockForStep(ctx, em, globalId);
    authorize(ctx, 'monitoring.review', facts);
    const clean = reasonOf(reason);
    requireStatus(submission, [SubmissionStatus.SUBMITTED], 'rejected');
    submission.status = SubmissionStatus.REJECTED;
    submission.rejectionReason = clean;
    submission.reviewedAt = new Date();
    submission.reviewedBy = em.getReference(Insurer, ctx.principal.insurerId!, { wrapped: true });
    submission.reviewedBySubject = ctx.principal.subject;
    recordEvent(ctx, em, submission, SubmissionEventKind.REJECTED, SubmissionStatus.SUBMITTED, clean);
    await em.flush();
    return submission;
  });
}

/**
 * The preferred insurer reopens an accepted submission (back to SUBMITTED), which lifts the lock. The reason is
 * kept in the history, and the mutation is in the audit log like every mutation.
 */
export function reopenSubmission(ctx: RequestContext, globalId: string, reason: string): Promise<MutationOutcome<MonitoringSubmission>> {
  return runMutation(ctx, async (em) => {
    const { submission, facts } = await lockForStep(ctx, em, globalId);
    authorize(ctx, 'monitoring.reopen', facts);
    const clean = reasonOf(reason);
    requireStatus(submission, [SubmissionStatus.ACCEPTED], 'reopened');
    submission.status = SubmissionStatus.SUBMITTED;
    recordEvent(ctx, em, submission, SubmissionEventKind.REOPENED, SubmissionStatus.ACCEPTED, clean);
    await em.flush();
    return submission;
  });
}
