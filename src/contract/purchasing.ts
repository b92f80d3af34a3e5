import type { EntityManager } from '@mikro-orm/postgresql';
import { intArray, pgArray } from '../db/pg-array';
import { ContractStatus } from './contract.entity';

/**
 * The contract statuses under which an insurer purchases: SIGNED only. An OFFERED contract is the insurer's word
 * alone (it can record an offer to any provider, a competitor's hospital included), and a TERMINATED one has ended;
 * neither may open the provider's confidential data.
 */
export const PURCHASING_STATUSES: readonly ContractStatus[] = [ContractStatus.SIGNED];

/**
 * The purchasing fact, defined here once: which insurers purchase from which providers in a year, in a segment.
 * It opens KPI figures, targets and proposal reviews (segment MSZ) and monitoring (segment COORDINATION). An insurer
 * purchases from a provider in a year, in a segment, when
 *  - it has a contract with the provider in that segment whose status is in PURCHASING_STATUSES (signed) and whose
 *    term overlaps that year; or
 *  - such a contract (of any insurer) was made under a representation agreement for that year, and the insurer
 *    has a market share in the agreement's region that year: the contract was made on its behalf (it follows).
 * The segment is required: a contract in another segment (an ambulance contract with a hospital's ambulance
 * service, say) says nothing about the data of this one. One statement for any number of providers.
 */
export async function purchasingInsurerIds(
  em: EntityManager,
  providerIds: readonly number[],
  year: number,
  segmentCode: string,
): Promise<Map<number, Set<number>>> {
  const result = new Map<number, Set<number>>(providerIds.map((id) => [id, new Set<number>()]));
  if (providerIds.length === 0) return result;
  const rows = await em.execute<{ provider_id: number; insurer_id: number }[]>(
    `with covering as (
       select c.provider_id, c.insurer_id, c.agreement_id
         from contract c
         join segment s on s.id = c.segment_id
        where c.provider_id = any(?::int[])
          and c.status::text = any(?::text[])
          and c.term_start <= make_date(?::int, 12, 31)
          and c.term_end >= make_date(?::int, 1, 1)
          and s.code = ?::text
     )
     select provider_id, insurer_id from covering
     union
     select cv.provider_id, ms.insurer_id
       from covering cv
       join representation_agreement ra on ra.id = cv.agreement_id and ra.year = ?::int
       join market_share ms on ms.region_id = ra.region_id and ms.year = ra.year`,
    [intArray(providerIds), pgArray(PURCHASING_STATUSES), year, year, segmentCode, year],
  );
  for (const row of rows) result.get(Number(row.provider_id))?.add(Number(row.insurer_id));
  return result;
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
