import type { RequestContext } from '../core/context';

/**
 * The sync horizon: an instant before which every row change is committed and visible. Rows get `updated_at` (and
 * deletions `deleted_at`) from the trigger's clock, to the millisecond, never earlier than their transaction's start
 * to the millisecond; a transaction still open may commit later rows stamped anywhere after its start. So the
 * horizon is the start of the oldest open transaction of another client session on this database (any open one,
 * not only those that wrote: a transaction may be between its stamp and its first write), or now when none is.
 * Reads with `updatedSince` and the deletions feed return only what lies before it; a client that resumes from
 * the last `updatedAt` it received can therefore never miss a change committed later with an earlier stamp.
 * Computed on the primary (`pg_stat_activity` of a replica does not show the primary's transactions); the API's
 * role must see its writers' sessions, which it does when they use the same role.
 */
export async function syncHorizon(ctx: RequestContext): Promise<Date> {
  ctx.syncHorizon ??= ctx.em
    .execute<{ horizon: Date }[]>(
      `select date_trunc('milliseconds', coalesce(
         (select min(xact_start) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and xact_start is not null),
         clock_timestamp())) as horizon`,
    )
    .then((rows) => new Date(rows[0]!.horizon));
  return ctx.syncHorizon;
}
