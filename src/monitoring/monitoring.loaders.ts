import { RequestContext, groupByKey } from '../core/context';
import { LoaderDefinition, defineLoader } from '../core/loaders';
import { findByIds } from '../db/find-page';
import { Insurer } from '../insurer/insurer.entity';
import { PolicyMilestone } from '../purchasing-policy/policy-milestone.entity';
import { Provider } from '../provider/provider.entity';
import { Region } from '../region/region.entity';
import { FunctionYear, allowedActions, keyOf } from './monitoring.access';
import { ProviderElvBeds } from './checklist/checklist.entities';
import { MonitoringSubmissionEvent } from './submission/submission-event.entity';
import { MonitoringSubmissionVersion } from './submission/submission-version.entity';
import { STEP_ACTIONS } from './submission/submission.service';
import type { MonitoringImport } from './upload/import.entity';
import { importsByIds } from './upload/upload.service';

export const monitoringLoaders = {
  /** Reference objects that monitoring rows point to; they are readable by everyone. */
  provider: defineLoader<number, Provider | null>('monitoring.provider', (ctx, ids) => findByIds(ctx, Provider, ids)),
  insurer: defineLoader<number, Insurer | null>('monitoring.insurer', (ctx, ids) => findByIds(ctx, Insurer, ids)),
  region: defineLoader<number, Region | null>('monitoring.region', (ctx, ids) => findByIds(ctx, Region, ids)),
  milestone: defineLoader<number, PolicyMilestone | null>('monitoring.milestone', (ctx, ids) => findByIds(ctx, PolicyMilestone, ids)),

  /** Imports by id (of an upload's summary, of a submission version), with the access check of `node`. */
  importById: defineLoader<number, MonitoringImport | null>('monitoring.importsById', (ctx, ids) => importsByIds(ctx, ids)),

  /** ELV beds of each provider; null for a provider without beds on record. */
  elvBeds: defineLoader<number, number | null>('monitoring.elvBeds', async (ctx, ids) => {
    const rows = await ctx.em.find(ProviderElvBeds, { provider: { $in: [...ids] } });
    const byProvider = new Map(rows.map((r) => [r.provider.id, r.beds]));
    return ids.map((id) => byProvider.get(id) ?? null);
  }),

  /** The versions of each submission, newest first. */
  versions: defineLoader<number, MonitoringSubmissionVersion[]>('monitoring.versions', async (ctx, ids) => {
    const rows = await ctx.em.find(MonitoringSubmissionVersion, { submission: { $in: [...ids] } }, { orderBy: [{ version: 'desc' }] });
    return groupByKey(ids, rows, (v) => v.submission.id);
  }),

  /** The status history of each submission, oldest first. */
  events: defineLoader<number, MonitoringSubmissionEvent[]>('monitoring.events', async (ctx, ids) => {
    const rows = await ctx.em.find(MonitoringSubmissionEvent, { submission: { $in: [...ids] } }, { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    return groupByKey(ids, rows, (e) => e.submission.id);
  }),

  /** The workflow steps the principal may take on the submissions of each coordination function and year. */
  stepActions: defineLoader<FunctionYear, Set<string>>(
    'monitoring.stepActions',
    async (ctx, items) => {
      const byKey = await allowedActions(ctx, STEP_ACTIONS, items);
      return items.map((item) => byKey.get(keyOf(item)) ?? new Set<string>());
    },
    { cacheKey: keyOf },
  ),
};

/** The object a nullable reference points to, through the request's loader. */
export function byId<T>(ctx: RequestContext, loader: LoaderDefinition<number, T | null>, id: number | null): Promise<T | null> {
  return id === null ? Promise.resolve(null) : loader.of(ctx).load(id);
}
