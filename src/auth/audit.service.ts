import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import type { Page, PageQuery } from '../core/paging';
import { findPage } from '../db/find-page';
import { AppError } from '../core/errors';
import { can } from './access-policy';
import { AuditEvent, AuditKind, AuditOutcome } from './audit-event.entity';

export interface AuditFilter {
  operation?: string | null;
  kind?: AuditKind | null;
  outcome?: AuditOutcome | null;
  objectId?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/**
 * The events a principal may read: every event for an operator admin; for an organisation's admin, only the events
 * its own organisation's credentials performed. Events of others on its data are left out: their object ids (the
 * contracts, the dashboard's hospitals) name objects it may not read. Decided on the actor's id, never on its code,
 * which can be reassigned.
 */
function visibleTo(ctx: RequestContext): FilterQuery<AuditEvent> | null {
  const p = ctx.principal;
  if (can(p, 'audit.read', { organisationKind: 'OPERATOR' })) return {};
  if (!can(p, 'audit.read', { organisationKind: p.organisationKind, insurerId: p.insurerId, providerId: p.providerId })) return null;
  return p.organisationKind === 'INSURER' ? { actorInsurerId: p.insurerId! } : { actorProviderId: p.providerId! };
}

/**
 * Newest first, keyset-paged on the id like every list: events keep arriving while a client pages, and with an
 * offset every new event would push one already read onto the next page.
 */
export async function listAuditEvents(ctx: RequestContext, filter: AuditFilter | null | undefined, page: PageQuery): Promise<Page<AuditEvent>> {
  const scope = visibleTo(ctx);
  if (!scope) throw new AppError('FORBIDDEN', 'Not allowed: reading the audit log requires an admin role.');
  const where: FilterQuery<AuditEvent>[] = [scope];
  if (filter?.operation) where.push({ operation: filter.operation });
  if (filter?.kind) where.push({ kind: filter.kind });
  if (filter?.outcome) where.push({ outcome: filter.outcome });
  if (filter?.objectId) where.push({ objectIds: { $contains: [filter.objectId] } });
  if (filter?.since) where.push({ occurredAt: { $gte: filter.since } });
  if (filter?.until) where.push({ occurredAt: { $lt: filter.until } });
  return findPage(ctx, AuditEvent, { $and: where }, [{ id: 'desc' }], page);
}

export async function auditEventsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(AuditEvent | null)[]> {
  const scope = visibleTo(ctx);
  if (!scope) return ids.map(() => null);
  const rows = await ctx.em.find(AuditEvent, { $and: [scope, { id: { $in: ids.map(String) } }] });
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id) ?? null);
}
