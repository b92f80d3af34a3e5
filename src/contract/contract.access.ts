import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { can } from '../auth/access-policy';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { Contract } from './contract.entity';
import { contractLoaders } from './contract.loaders';

/**
 * The representation agreements the principal's insurer is represented under: those of a region and year in
 * which it has a market share. Contracts made under them were made on its behalf (it follows, or co-represents),
 * so it may see them. One statement per request, remembered for the rest of it.
 */
export async function representedAgreementIds(ctx: RequestContext): Promise<Set<number>> {
  const insurerId = ctx.principal.organisationKind === 'INSURER' ? ctx.principal.insurerId : null;
  if (insurerId === null) return new Set();
  const ids = await contractLoaders.representedAgreements.of(ctx).load(insurerId);
  return new Set(ids);
}

/** Whether the principal may see a contract, asked of the POLICY table with the contract's facts. */
export function mayRead(ctx: RequestContext, contract: Contract, represented: Set<number>): boolean {
  const agreementId = contract.agreement?.id;
  const representedInsurerIds = agreementId !== undefined && represented.has(agreementId) && ctx.principal.insurerId !== null ? [ctx.principal.insurerId] : [];
  return can(ctx.principal, 'contract.read', { insurerId: contract.insurer.id, providerId: contract.provider.id, representedInsurerIds });
}

/**
 * The contracts among these that the principal may see, in the same order; the others are dropped. The lookup runs
 * even for none, so that a forbidden contract and a missing one cost the same statements.
 */
export async function visibleOnly(ctx: RequestContext, contracts: readonly Contract[]): Promise<Contract[]> {
  const represented = await representedAgreementIds(ctx);
  return contracts.filter((c) => mayRead(ctx, c, represented));
}

/**
 * The same rule as a database filter, for lists: an insurer sees its own contracts and those made under the
 * agreements it is represented under, a provider its own; anyone else nothing (null).
 */
export async function visibleWhere(ctx: RequestContext): Promise<FilterQuery<Contract> | null> {
  const p = ctx.principal;
  if (p.organisationKind === 'INSURER' && p.insurerId !== null) {
    const represented = [...(await representedAgreementIds(ctx))];
    return represented.length > 0 ? { $or: [{ insurer: p.insurerId }, { agreement: { $in: represented } }] } : { insurer: p.insurerId };
  }
  if (p.organisationKind === 'PROVIDER' && p.providerId !== null) return { provider: p.providerId };
  return null;
}

/** Logs a read of confidential contract data with the organisations it belongs to. */
export function auditContractRead(ctx: RequestContext, operation: string, contracts: readonly Contract[], objectIds?: string[]): void {
  if (contracts.length === 0) return;
  ctx.audit({
    kind: AuditKind.READ,
    operation,
    objectIds: objectIds ?? contracts.map((c) => c.globalId),
    outcome: AuditOutcome.SUCCESS,
    ownerInsurerIds: contracts.map((c) => c.insurer.id),
    ownerProviderIds: contracts.map((c) => c.provider.id),
  });
}
