import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { can } from '../auth/access-policy';
import { purchasers, providerYearKey } from '../contract/purchasing';
import { pgArray } from '../db/pg-array';
import { KpiDefinitionStatus } from './kpi.enums';
import type { Kpi } from './kpi.entity';
import type { KpiTarget } from './kpi-target.entity';

/** A provider's figures for one KPI in one year: the unit that measurement visibility is decided on. */
export interface ValuesKey {
  providerId: number;
  kpiId: number;
  year: number;
  /** For a hospital's own KPI the insurer it was proposed to (proposedToInsurerOf), a fact the policy rule checks. */
  proposedToInsurerId?: number | null;
}

/**
 * The segment KPI data belongs to: the hybrid-care KPI targets are part of the MSZ purchasing policy (seed 004),
 * for hospitals and independent clinics. Only an MSZ contract makes an insurer a purchaser of a provider's KPI data.
 */
export const KPI_SEGMENT = 'MSZ';

const keyOf = (k: ValuesKey) => `${k.providerId}:${k.kpiId}:${k.year}`;

/**
 * The insurers that may read a provider's figures for a KPI in a year: those purchasing from the provider in that
 * year (the purchasing fact, segment MSZ), and those holding a target of the KPI with it for that year or with a
 * baseline period in it. Always two statements, for any number of keys, none included: deciding on a forbidden
 * object costs what deciding on a missing one does.
 */
export async function valueReaders(em: EntityManager, keys: readonly ValuesKey[]): Promise<Map<string, Set<number>>> {
  const result = new Map<string, Set<number>>(keys.map((k) => [keyOf(k), new Set<number>()]));
  const buying = await purchasers(em, keys, KPI_SEGMENT);
  for (const key of keys) {
    for (const insurerId of buying.get(providerYearKey(key)) ?? []) result.get(keyOf(key))!.add(insurerId);
  }
  const rows = await em.execute<{ provider_id: number; kpi_id: number; year: number; insurer_id: number }[]>(
    `select distinct k.provider_id, k.kpi_id, k.year, t.insurer_id
       from unnest(?::int[], ?::int[], ?::int[]) as k(provider_id, kpi_id, year)
       join kpi_target t on t.provider_id = k.provider_id and t.kpi_id = k.kpi_id
        and (t.year = k.year or extract(year from t.baseline_start) = k.year)`,
    [pgArray(keys.map((k) => k.providerId)), pgArray(keys.map((k) => k.kpiId)), pgArray(keys.map((k) => k.year))],
  );
  for (const row of rows) {
    result.get(`${row.provider_id}:${row.kpi_id}:${row.year}`)?.add(Number(row.insurer_id));
  }
  return result;
}

/**
 * Which of the keys the principal may read the figures of. Operator admins and providers need no query; an
 * insurer's keys are decided on valueReaders.
 */
export async function readableValues(ctx: RequestContext, keys: readonly ValuesKey[]): Promise<boolean[]> {
  const p = ctx.principal;
  if (p.organisationKind !== 'INSURER') {
    return keys.map((k) => can(p, 'kpi.measurement.read', { providerId: k.providerId, proposedToInsurerId: k.proposedToInsurerId }));
  }
  const readers = await valueReaders(ctx.em, keys);
  return keys.map((k) =>
    can(p, 'kpi.measurement.read', { providerId: k.providerId, purchasingInsurerIds: [...readers.get(keyOf(k))!], proposedToInsurerId: k.proposedToInsurerId }),
  );
}

/** The facts about a KPI that decide who sees it. */
export interface KpiFacts {
  status: Kpi['status'];
  proposedBy: { id: number } | null;
  proposedTo: { id: number } | null;
}

/**
 * The ResourceFacts field proposedToInsurerId of a KPI: for a hospital's own (proposed) KPI the insurer it was
 * proposed to, the only insurer that may read its figures (kpi.measurement.read); null for a catalogue KPI.
 */
export function proposedToInsurerOf(kpi: Pick<KpiFacts, 'status' | 'proposedTo'>): number | null {
  return kpi.status === KpiDefinitionStatus.CATALOGUE ? null : (kpi.proposedTo?.id ?? null);
}

/** Whether the principal may see a KPI: catalogue KPIs are reference data, a proposal belongs to its two parties. */
export function canSeeKpi(ctx: Pick<RequestContext, 'principal'>, kpi: KpiFacts): boolean {
  if (kpi.status === KpiDefinitionStatus.CATALOGUE) return can(ctx.principal, 'reference.read');
  return can(ctx.principal, 'kpi.proposal.read', { providerId: kpi.proposedBy?.id ?? null, insurerId: kpi.proposedTo?.id ?? null });
}

export function canSeeTarget(ctx: Pick<RequestContext, 'principal'>, target: KpiTarget): boolean {
  return can(ctx.principal, 'kpi.target.read', { insurerId: target.insurer.id, providerId: target.provider.id });
}
