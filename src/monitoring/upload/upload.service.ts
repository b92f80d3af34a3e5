import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../core/context';
import type { PageQuery, Page } from '../../core/paging';
import { findPage } from '../../db/find-page';
import { can, forbidden } from '../../auth/access-policy';
import { MonitoringImport } from './import.entity';

/** Imports by id for node/nodes: visible to the coordination function that uploaded and to operator admins. */
export async function importsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(MonitoringImport | null)[]> {
  const rows = await ctx.em.find(MonitoringImport, { id: { $in: [...ids] } });
  const byId = new Map(
    rows.filter((i) => can(ctx.principal, 'monitoring.import.read', { organisationKind: 'PROVIDER', providerId: i.provider?.id ?? null })).map((i) => [i.id, i]),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

/** The imports of the principal's own coordination function (all of them for an operator admin), newest first. */
export async function listImports(ctx: RequestContext, page: PageQuery): Promise<Page<MonitoringImport>> {
  const p = ctx.principal;
  let where: FilterQuery<MonitoringImport>;
  if (can(p, 'monitoring.import.read', { organisationKind: 'OPERATOR' })) where = {};
  else if (p.organisationKind === 'PROVIDER' && p.providerId !== null) where = { provider: p.providerId };
  else throw forbidden('monitoring.import.read');
  return findPage(ctx, MonitoringImport, where, [{ id: 'desc' }], page);
}
