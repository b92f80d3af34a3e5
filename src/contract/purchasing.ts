import type { EntityManager } from '@mikro-orm/postgresql';
import { intArray, pgArray } from '../db/pg-array';
import { ContractStatus } from './contract.entity';

/**
 * The contract statuses under which an insurer purchases: SIGNED only. An OFFERED contract is the insurer's word
 * alone (it can record an offer to any provider, a competitor's hospital included), and a TERMINATED one has ended;
 * neither may open the provider's confidential data.
 */
export const PURCHASING_STATUSES: readonly ContractStatus[] = [ContractStatus.SIGNED];

/** A provider in a year: the unit the purchasing fact is decided on. */
export interface ProviderYear {
  providerId: number;
  year: number;
}

/**
 * Passed as the segment, counts a purchasing contract in any segment: for data that belongs to the provider as a
 * whole rather than to one segment's care (the coordinated sustainability request of seed 001 Bijlage 1).
 */
export const ANY_SEGMENT = '*';

export const providerYearKey = (k: ProviderYear) => `${k.providerId}:${k.year}`;

/**
 * The purchasing fact (see purchasers) as two common table expressions over a `wanted(provider_id, year)` one that
 * precedes them: `purchasing(provider_id, year, insurer_id)` lists the insurers that purchase. A statement that
 * needs the fact beside other data (the KPI dashboard) carries it instead of sending a second one. Its `?`
 * placeholders take purchasingParams, in order.
 */
export const PURCHASING_CTES = `covering as (
       select w.provider_id, w.year, c.insurer_id, c.agreement_id
         from wanted w
         join contract c on c.provider_id = w.provider_id
         join segment s on s.id = c.segment_id
        where c.status::text = any(?::text[])
          and c.term_start <= make_date(w.year, 12, 31)
          and c.term_end >= make_date(w.year, 1, 1)
          and (?::text = '*' or s.code = ?::text)
     ), purchasing as (
       select provider_id, year, insurer_id from covering
       union
       select cv.provider_id, cv.year, ms.insurer_id
         from covering cv
         join representation_agreement ra on ra.id = cv.agreement_id and ra.year = cv.year
         join market_share ms on ms.region_id = ra.region_id and ms.year = ra.year
     )`;

export const purchasingParams = (segmentCode: string): unknown[] => [pgArray(PURCHASING_STATUSES), segmentCode, segmentCode];

/**
 * The purchasing fact, defined here once: which insurers purchase from which providers in which years, in a segment.
 * It opens KPI figures, targets and proposal reviews (segment MSZ) and monitoring (segment COORDINATION). An insurer
 * purchases from a provider in a year, in a segment, when
 *  - it has a contract with the provider in that segment whose status is in PURCHASING_STATUSES (signed) and whose
 *    term overlaps that year; or
 *  - such a contract (of any insurer) was made under a representation agreement for that year, and the insurer
 *    has a market share in the agreement's region that year: the contract was made on its behalf (it follows).
 * The segment is required (ANY_SEGMENT only where the data is not a segment's): a contract in another segment (an ambulance contract with a hospital's ambulance
 * service, say) says nothing about the data of this one. Exactly one statement for any number of provider-years,
 * none included, so that deciding on a forbidden object costs what deciding on a missing one does.
 */
export async function purchasers(em: EntityManager, keys: readonly ProviderYear[], segmentCode: string): Promise<Map<string, Set<number>>> {
  const result = new Map<string, Set<number>>(keys.map((k) => [providerYearKey(k), new Set<number>()]));
  const rows = await em.execute<{ provider_id: number; year: number; insurer_id: number }[]>(
    `with wanted as (select * from unnest(?::int[], ?::int[]) as w(provider_id, year)), ${PURCHASING_CTES}
     select provider_id, year, insurer_id from purchasing`,
    [intArray(keys.map((k) => k.providerId)), intArray(keys.map((k) => k.year)), ...purchasingParams(segmentCode)],
  );
  for (const row of rows) result.get(`${row.provider_id}:${row.year}`)?.add(Number(row.insurer_id));
  return result;
}

/** The purchasing fact for providers in one year (see purchasers), by provider id. */
export async function purchasingInsurerIds(
  em: EntityManager,
  providerIds: readonly number[],
  year: number,
  segmentCode: string,
): Promise<Map<number, Set<number>>> {
  const found = await purchasers(em, providerIds.map((providerId) => ({ providerId, year })), segmentCode);
  return new Map(providerIds.map((id) => [id, found.get(providerYearKey({ providerId: id, year }))!]));
}

/** Whether an insurer purchases from a provider in a year, in a segment (see purchasingInsurerIds). */
export async function insurerPurchasesFrom(
  em: EntityManager,
  insurerId: number,
  providerId: number,
  year: number,
  segmentCode: string,
): Promise<boolean> {
  const map = await purchasingInsurerIds(em, [providerId], year, segmentCode);
  return map.get(providerId)?.has(insurerId) ?? false;
}
