import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { BY_ID, pageList } from '../../core/paging';
import { PageArgs, SyncPageArgs, connectionType, replacedBy, toConnection } from '../../graphql/connection';
import { describeOperation } from '../../auth/access-policy';
import { registerNodeType } from '../../graphql/node-registry';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { MonitoringSubmission } from './submission.entity';
import { MonitoringSubmissionVersion } from './submission-version.entity';
import { MonitoringSubmissionEvent } from './submission-event.entity';
import { MonitoringImport } from '../upload/import.entity';
import { parseFigures } from './figures';
import * as service from './submission.service';
import { monitoringLoaders } from '../monitoring.loaders';
import {
  MonitoringSubmissionAcceptInput,
  MonitoringSubmissionFilter,
  MonitoringSubmissionRejectInput,
  MonitoringSubmissionReopenInput,
  MonitoringSubmissionSubmitInput,
} from './submission.inputs';
import { MonitoringFigures, MonitoringSubmissionPayload } from './submission.payloads';
import { MonitoringPeriod } from '../zn';

registerNodeType('MonitoringSubmission', service.submissionsByIds);
registerNodeType('MonitoringSubmissionVersion', service.versionsByIds);
registerNodeType('MonitoringSubmissionEvent', service.eventsByIds);

const MonitoringSubmissionConnection = connectionType(MonitoringSubmission, 'MonitoringSubmission', 'monitoring submission');
const MonitoringSubmissionVersionConnection = connectionType(MonitoringSubmissionVersion, 'MonitoringSubmissionVersion', 'version of the figures');
const MonitoringSubmissionEventConnection = connectionType(MonitoringSubmissionEvent, 'MonitoringSubmissionEvent', 'status change');

@Resolver(() => MonitoringSubmission)
export class MonitoringSubmissionResolver {
  @Query(() => MonitoringSubmissionConnection, {
    description:
      describeOperation('Monitoring submissions you may read, newest year first.', 'monitoring.read'),
  })
  async monitoringSubmissions(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => MonitoringSubmissionFilter, { nullable: true, description: 'Conditions the submissions must meet.' }) filter: MonitoringSubmissionFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listSubmissions(ctx, filter, page));
  }

  @Query(() => MonitoringSubmission, {
    nullable: true,
    description:
      describeOperation('The submission of a coordination function for a year and period, or null when there is none you may read.', 'monitoring.read'),
  })
  monitoringSubmission(
    @Arg('coordinationFunctionAgb', () => String, { description: 'AGB code of the coordination function.' }) agb: string,
    @Arg('year', () => Int, { description: 'Reporting year.' }) year: number,
    @Arg('period', () => MonitoringPeriod, { description: 'Reporting period.' }) period: MonitoringPeriod,
    @Ctx() ctx: RequestContext,
  ) {
    return service.submissionFor(ctx, agb, year, period);
  }

  @FieldResolver(() => Provider, { description: 'The coordination function that reports.' })
  coordinationFunction(@Root() submission: MonitoringSubmission) {
    return submission.provider.load();
  }

  @FieldResolver(() => Insurer, { nullable: true, description: 'The insurer that last accepted or rejected it.' })
  reviewedBy(@Root() submission: MonitoringSubmission) {
    return submission.reviewedBy ? submission.reviewedBy.load() : null;
  }

  @FieldResolver(() => [MonitoringFigures], { description: 'The figures of the current version, one row per type of stay in ZN order.' })
  figures(@Root() submission: MonitoringSubmission) {
    return parseFigures(submission.figures);
  }

  @FieldResolver(() => [MonitoringSubmissionVersion], { description: 'Every version of the figures, newest first.', deprecationReason: replacedBy('versionsConnection') })
  versions(@Root() submission: MonitoringSubmission, @Ctx() ctx: RequestContext) {
    return service.versionsOf(ctx, submission);
  }

  @FieldResolver(() => MonitoringSubmissionVersionConnection, { description: 'Every version of the figures, newest first.' })
  async versionsConnection(@Root() submission: MonitoringSubmission, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const all = await service.versionsOf(ctx, submission);
    // The version number is unique within a submission (the current one has no row of its own yet).
    return toConnection(pageList(all, 'MonitoringSubmission.versions', [{ of: (v) => v.version, type: 'number', desc: true }], page, ctx.config.limits));
  }

  @FieldResolver(() => [MonitoringSubmissionEvent], { description: 'The status changes, oldest first.', deprecationReason: replacedBy('historyConnection') })
  history(@Root() submission: MonitoringSubmission, @Ctx() ctx: RequestContext) {
    return service.eventsOf(ctx, submission);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether you may submit this submission (monitoringSubmissionSubmit), whatever its status: decided by the rule that mutation checks, so true only for the coordination function itself (provider admin or submitter). Submitting still needs the status DRAFT or REJECTED.',
  })
  viewerMaySubmit(@Root() submission: MonitoringSubmission, @Ctx() ctx: RequestContext) {
    return service.viewerMay(ctx, 'monitoring.write', submission);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether you may accept and reject this submission (monitoringSubmissionAccept, monitoringSubmissionReject), whatever its status: decided by the rule those mutations check, so true only for the preferred insurer of the coordination function that year when it purchases from it (insurer admin or member). Each step still needs its status: SUBMITTED.',
  })
  viewerMayReview(@Root() submission: MonitoringSubmission, @Ctx() ctx: RequestContext) {
    return service.viewerMay(ctx, 'monitoring.review', submission);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether you may reopen this submission (monitoringSubmissionReopen), whatever its status: decided by the rule that mutation checks, so true only for the preferred insurer of the coordination function that year when it purchases from it (insurer admin or member). Reopening still needs the status ACCEPTED.',
  })
  viewerMayReopen(@Root() submission: MonitoringSubmission, @Ctx() ctx: RequestContext) {
    return service.viewerMay(ctx, 'monitoring.reopen', submission);
  }

  @FieldResolver(() => MonitoringSubmissionEventConnection, { description: 'The status changes, oldest first.' })
  async historyConnection(@Root() submission: MonitoringSubmission, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const all = await service.eventsOf(ctx, submission);
    return toConnection(pageList(all, 'MonitoringSubmission.history', [{ of: (e) => e.occurredAt.toISOString(), type: 'string' }, BY_ID], page, ctx.config.limits));
  }

  @Mutation(() => MonitoringSubmissionPayload, { description: describeOperation('Submits a draft (or rejected) submission for review.', 'monitoring.write') })
  async monitoringSubmissionSubmit(@Arg('input', () => MonitoringSubmissionSubmitInput, { description: 'The submission.' }) input: MonitoringSubmissionSubmitInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.submitSubmission(ctx, input.id);
    return { monitoringSubmission: result, userErrors };
  }

  @Mutation(() => MonitoringSubmissionPayload, {
    description: describeOperation('Accepts a submitted submission, which locks it.', 'monitoring.review'),
  })
  async monitoringSubmissionAccept(@Arg('input', () => MonitoringSubmissionAcceptInput, { description: 'The submission.' }) input: MonitoringSubmissionAcceptInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.acceptSubmission(ctx, input.id);
    return { monitoringSubmission: result, userErrors };
  }

  @Mutation(() => MonitoringSubmissionPayload, {
    description: describeOperation('Rejects a submitted submission with a reason.', 'monitoring.review'),
  })
  async monitoringSubmissionReject(@Arg('input', () => MonitoringSubmissionRejectInput, { description: 'The submission and the reason.' }) input: MonitoringSubmissionRejectInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.rejectSubmission(ctx, input.id, input.reason);
    return { monitoringSubmission: result, userErrors };
  }

  @Mutation(() => MonitoringSubmissionPayload, {
    description: describeOperation('Reopens an accepted submission (back to SUBMITTED), lifting its lock; the reason is kept in its history.', 'monitoring.reopen'),
  })
  async monitoringSubmissionReopen(@Arg('input', () => MonitoringSubmissionReopenInput, { description: 'The submission and the reason.' }) input: MonitoringSubmissionReopenInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.reopenSubmission(ctx, input.id, input.reason);
    return { monitoringSubmission: result, userErrors };
  }
}

@Resolver(() => MonitoringSubmissionVersion)
export class MonitoringVersionResolver {
  @FieldResolver(() => [MonitoringFigures], { description: 'The figures of this version, one row per type of stay.' })
  figures(@Root() version: MonitoringSubmissionVersion) {
    return parseFigures(version.figures);
  }

  @FieldResolver(() => MonitoringImport, { nullable: true, description: 'The import that wrote it; null when you may not read that import.' })
  async import(@Root() version: MonitoringSubmissionVersion, @Ctx() ctx: RequestContext) {
    if (version.importId === null) return null;
    return monitoringLoaders.importById.of(ctx).load(version.importId);
  }
}

export const SUBMISSION_RESOLVERS = [MonitoringSubmissionResolver, MonitoringVersionResolver] as const;
