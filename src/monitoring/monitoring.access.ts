import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { Action, ResourceFacts, can } from '../auth/access-policy';
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

/**
 * The preferred insurer of each coordination function in each year (seed 002: "Buiten de kernregio van Zilveren
 * Kruis volgen wij het besluit van de preferente zorgverzekeraar"): the lead of the coordination-segment agreement
 * of the function's region and year, with the insurers of the lead's concern, which counts as one party. One
 * statement for any number of function-years; a function-year without an agreement has no preferred insurer.
 */
export async function preferredInsurersOf(em: EntityManager, items: readonly FunctionYear[]): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  if (items.length === 0) return result;
  const rows = await em.execute<{ provider_id: number; year: number; insurer_id: number }[]>(
    `select p.id as provider_id, ra.year, member.id as insurer_id
       from provider p
       join representation_agreement ra on ra.region_id = p.region_id
       join segment s on s.id = ra.segment_id and s.code = ?
       join insurer lead on lead.id = ra.lead_insurer_id
       join insurer member on member.concern_id = lead.concern_id
      where (p.id, ra.year) in (select * from unnest(?::int[], ?::int[]))`,
    [COORDINATION_SEGMENT, pgArray(items.map((i) => i.providerId)), pgArray(items.map((i) => i.year))],
  );
  for (const row of rows) {
    const key = keyOf({ providerId: Number(row.provider_id), year: Number(row.year) });
    result.set(key, [...(result.get(key) ?? []), Number(row.insurer_id)]);
  }
  return result;
}

interface InsurerFacts {
  purchasers: Map<string, number[]>;
  preferred: Map<string, number[]>;
}

const NO_INSURER_FACTS: InsurerFacts = { purchasers: new Map(), preferred: new Map() };

export function factsOf(item: FunctionYear, insurers: InsurerFacts): ResourceFacts {
  return {
    organisationKind: 'PROVIDER',
    providerId: item.providerId,
    purchasingInsurerIds: insurers.purchasers.get(keyOf(item)) ?? [],
    preferredInsurerIds: insurers.preferred.get(keyOf(item)) ?? [],
  };
}

/**
 * Purchasers and preferred insurers are looked up only for insurer principals: for the others the rules do not
 * depend on them. The preferred insurer matters only for the review actions, so reads skip that statement.
 */
async function insurerFacts(ctx: RequestContext, em: EntityManager, action: Action | null, items: readonly FunctionYear[]): Promise<InsurerFacts> {
  if (ctx.principal.organisationKind !== 'INSURER') return NO_INSURER_FACTS;
  const purchasers = await purchasersOf(em, items);
  const preferred = action === 'monitoring.read' ? new Map<string, number[]>() : await preferredInsurersOf(em, items);
  return { purchasers, preferred };
}

/** Which of the given function-years the principal may take the action on. */
export async function allowedKeys(ctx: RequestContext, action: Action, items: readonly FunctionYear[]): Promise<Set<string>> {
  const insurers = await insurerFacts(ctx, ctx.em, action, items);
  return new Set(items.filter((item) => can(ctx.principal, action, factsOf(item, insurers))).map(keyOf));
}

/**
 * Which of the actions the principal may take on each function-year, decided by the policy on the facts a mutation
 * checks (`factsOf`, `can`): the facts are looked up once for all actions and items.
 */
export async function allowedActions(ctx: RequestContext, actions: readonly Action[], items: readonly FunctionYear[]): Promise<Map<string, Set<Action>>> {
  const insurers = await insurerFacts(ctx, ctx.em, null, items);
  return new Map(items.map((item) => [keyOf(item), new Set(actions.filter((action) => can(ctx.principal, action, factsOf(item, insurers))))]));
}

/** The facts the policy decides on for one function-year (purchasers and preferred insurer looked up only for an insurer). */
export async function factsFor(ctx: RequestContext, item: FunctionYear, em: EntityManager = ctx.em): Promise<ResourceFacts> {
  return factsOf(item, await insurerFacts(ctx, em, null, [item]));
}

/** Whether the principal may take the action on one function-year. */
export async function isAllowed(ctx: RequestContext, action: Action, item: FunctionYear, em: EntityManager = ctx.em): Promise<boolean> {
  return can(ctx.principal, action, factsOf(item, await insurerFacts(ctx, em, action, [item])));
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
