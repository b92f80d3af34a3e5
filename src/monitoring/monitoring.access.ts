import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../graphql/context';
import { Action, ResourceFacts, can } from '../auth/policy';
import { purchasers } from '../contract/purchasing';
import { pgArray } from '../db/pg-array';

/** The segment coordination functions are purchased in (seed 002). */
export const COORDINATION_SEGMENT = 'COORDINATION';

/** A coordination function in a year: the unit every monitoring permission is decided on. */
export interface FunctionYear {
  providerId: number;
  year: number;
}

export const keyOf = (f: FunctionYear) => `${f.providerId}:${f.year}`;

/** The insurers that purchase from each coordination function in each year: one statement, whatever the items. */
export async function purchasersOf(em: EntityManager, items: readonly FunctionYear[]): Promise<Map<string, number[]>> {
  const found = await purchasers(em, items, COORDINATION_SEGMENT);
  return new Map([...found].map(([key, insurers]) => [key, [...insurers]]));
}

export function factsOf(item: FunctionYear, purchasers: Map<string, number[]>): ResourceFacts {
  return { organisationKind: 'PROVIDER', providerId: item.providerId, purchasingInsurerIds: purchasers.get(keyOf(item)) ?? [] };
}

/** Purchasers are looked up only for insurer principals: for the others the rules do not depend on them. */
function needsPurchasers(ctx: RequestContext): boolean {
  return ctx.principal.organisationKind === 'INSURER';
}

/** Which of the given function-years the principal may take the action on. */
export async function allowedKeys(ctx: RequestContext, action: Action, items: readonly FunctionYear[]): Promise<Set<string>> {
  const purchasers = needsPurchasers(ctx) ? await purchasersOf(ctx.em, items) : new Map<string, number[]>();
  return new Set(items.filter((item) => can(ctx.principal, action, factsOf(item, purchasers))).map(keyOf));
}

/** The facts the policy decides on for one function-year (its purchasers looked up only for an insurer). */
export async function factsFor(ctx: RequestContext, item: FunctionYear, em: EntityManager = ctx.em): Promise<ResourceFacts> {
  return factsOf(item, needsPurchasers(ctx) ? await purchasersOf(em, [item]) : new Map<string, number[]>());
}

/** Whether the principal may take the action on one function-year. */
export async function isAllowed(ctx: RequestContext, action: Action, item: FunctionYear, em: EntityManager = ctx.em): Promise<boolean> {
  return can(ctx.principal, action, await factsFor(ctx, item, em));
}

/** What of the monitoring data a principal may read: everything, one coordination function, or some function-years. */
export type ReadScope = { kind: 'all' } | { kind: 'provider'; providerId: number } | { kind: 'pairs'; pairs: FunctionYear[] };

/**
 * The coordination functions and years whose submissions the principal may read. For an insurer that is
 * decided per function-year from the purchasing relationship, over the function-years that have submissions.
 */
export async function readableScope(ctx: RequestContext, year: number | null): Promise<ReadScope> {
  const p = ctx.principal;
  if (can(p, 'monitoring.read', { organisationKind: 'OPERATOR' })) return { kind: 'all' };
  if (p.organisationKind === 'PROVIDER' && p.providerId !== null) return { kind: 'provider', providerId: p.providerId };
  if (p.organisationKind !== 'INSURER') return { kind: 'pairs', pairs: [] };
  const rows = await ctx.em.execute<{ provider_id: number; year: number }[]>(
    `select distinct provider_id, year from monitoring_submission where (?::int is null or year = ?::int)`,
    [year, year],
  );
  const items = rows.map((r) => ({ providerId: Number(r.provider_id), year: Number(r.year) }));
  const allowed = await allowedKeys(ctx, 'monitoring.read', items);
  return { kind: 'pairs', pairs: items.filter((item) => allowed.has(keyOf(item))) };
}

/** The scope as an SQL condition on a table alias with provider_id and year columns. */
export function scopeSql(scope: ReadScope, alias: string): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'true', params: [] };
  if (scope.kind === 'provider') return { sql: `${alias}.provider_id = ?`, params: [scope.providerId] };
  if (scope.pairs.length === 0) return { sql: 'false', params: [] };
  return {
    sql: `(${alias}.provider_id, ${alias}.year) in (select * from unnest(?::int[], ?::int[]))`,
    params: [pgArray(scope.pairs.map((p) => p.providerId)), pgArray(scope.pairs.map((p) => p.year))],
  };
}
