import type { FilterQuery } from '@mikro-orm/core';
import { groupByKey } from '../core/context';
import { defineLoader } from '../core/loaders';
import { intArray } from '../db/pg-array';
import { Contract } from './contract.entity';
import { ContractRevenue } from './contract-revenue.entity';
import type { CeilingUse } from './contract.types';
import { auditContractRead, visibleOnly } from './contract.access';
import { ceilingFigures, ceilingUseOf, coversYear } from './contract.service';

export const contractLoaders = {
  /** The visible contracts under each representation agreement, newest term first. */
  underAgreement: defineLoader<number, Contract[]>('contracts.byAgreement', async (ctx, ids) => {
    const rows = await ctx.em.find(Contract, { agreement: { $in: [...ids] } }, { orderBy: [{ termStart: 'desc' }, { id: 'asc' }] });
    const visible = await visibleOnly(ctx, rows);
    auditContractRead(ctx, 'RepresentationAgreement.contracts', visible);
    return groupByKey(ids, visible, (c) => c.agreement!.id);
  }),

  /** The visible contracts of each provider, newest term first, optionally of a year and a segment. */
  ofProvider: defineLoader<number, Contract[], { year: number | null; segmentCode: string | null }>(
    'contracts.byProvider',
    async (ctx, ids, { year, segmentCode }) => {
      const where: FilterQuery<Contract> = { provider: { $in: [...ids] } };
      if (year !== null) Object.assign(where, coversYear(year));
      if (segmentCode) where.segment = { code: segmentCode };
      const rows = await ctx.em.find(Contract, where, { orderBy: [{ termStart: 'desc' }, { id: 'asc' }] });
      const visible = await visibleOnly(ctx, rows);
      auditContractRead(ctx, 'Provider.contracts', visible);
      return groupByKey(ids, visible, (c) => c.provider.id);
    },
  ),

  /** Every revenue version of each visible contract (of a year, if given), by period and newest version first. */
  revenue: defineLoader<Contract, ContractRevenue[], { year: number | null }>(
    'contract.revenue',
    async (ctx, contracts, { year }) => {
      const visible = await visibleOnly(ctx, contracts);
      const where: FilterQuery<ContractRevenue> = { contract: { $in: visible.map((c) => c.id) } };
      if (year !== null) where.year = year;
      const rows = visible.length === 0 ? [] : await ctx.em.find(ContractRevenue, where, { orderBy: [{ periodStart: 'asc' }, { version: 'desc' }] });
      return groupByKey(contracts.map((c) => c.id), rows, (r) => r.contract.id);
    },
    { cacheKey: (c) => c.id },
  ),

  /** Whether each revenue figure is the latest version of its period. */
  isLatestRevenue: defineLoader<ContractRevenue, boolean>(
    'contract.revenue.latest',
    async (ctx, rows) => {
      const latest = await ctx.em.execute<{ contract_id: number; period_start: string; version: number }[]>(
        `select contract_id, period_start::text as period_start, max(version) as version from contract_revenue
          where contract_id = any(?::int[]) group by contract_id, period_start`,
        [intArray(new Set(rows.map((r) => r.contract.id)))],
      );
      const max = new Map(latest.map((l) => [`${l.contract_id}:${l.period_start}`, Number(l.version)]));
      return rows.map((r) => max.get(`${r.contract.id}:${r.periodStart}`) === r.version);
    },
    { cacheKey: (r) => r.id },
  ),

  /** How full each visible contract's ceiling is in a year. */
  ceilingUse: defineLoader<Contract, CeilingUse | null, { year: number }>(
    'contract.ceilingUse',
    async (ctx, contracts, { year }) => {
      const visible = new Set(await visibleOnly(ctx, contracts));
      const figures = await ceilingFigures(ctx.em, [...visible].map((c) => c.id), year);
      return contracts.map((c) => (visible.has(c) ? ceilingUseOf(c, year, figures.get(c.id)) : null));
    },
    { cacheKey: (c) => c.id },
  ),

  /**
   * The representation agreements whose region an insurer follows (it has a market share there in the agreement's
   * year); the only key of a request is its principal's insurer.
   */
  representedAgreements: defineLoader<number, number[]>('contract.representedAgreements', async (ctx, keys) => {
    const rows = await ctx.em.execute<{ id: number }[]>(
      `select ra.id from representation_agreement ra
         join market_share ms on ms.region_id = ra.region_id and ms.year = ra.year
        where ms.insurer_id = ?`,
      [keys[0]],
    );
    const all = rows.map((r) => Number(r.id));
    return keys.map(() => all);
  }),
};
