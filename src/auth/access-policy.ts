import type { Principal } from './principal';
import type { RequestContext } from '../core/context';
import { AppError } from '../core/errors';

/** The facts about the object being acted on that a rule may need. */
export interface ResourceFacts {
  organisationKind?: 'OPERATOR' | 'INSURER' | 'PROVIDER';
  insurerId?: number | null;
  providerId?: number | null;
  /**
   * Insurers that purchase from the resource's provider in the resource's year, in the segment the resource belongs
   * to: the purchasing fact of contract/purchasing.ts (a SIGNED contract in that segment whose term overlaps the year,
   * or representation on a follower's behalf). KPI data belongs to MSZ, monitoring to COORDINATION.
   */
  purchasingInsurerIds?: readonly number[];
  /**
   * Insurers on whose behalf the object was made: for a contract in a representation segment, the insurers with a
   * market share in its agreement's region and year. A service may list only the principal's own insurer when it
   * is one of them, which is all a rule needs to know.
   */
  representedInsurerIds?: readonly number[];
  /**
   * The preferred insurer (preferente zorgverzekeraar) of a coordination function in a year: the lead of the
   * coordination-segment agreement of its region and year, with the insurers of its concern (seed 002).
   */
  preferredInsurerIds?: readonly number[];
  /**
   * For a hospital's own (proposed) KPI: the insurer it was proposed to, the only insurer that may read its figures
   * (filled by proposedToInsurerOf in kpi/kpi.access.ts); null or absent for a catalogue KPI, which any purchasing
   * insurer reads.
   */
  proposedToInsurerId?: number | null;
}

type Rule = (principal: Principal, resource: ResourceFacts) => boolean;

const operatorAdmin: Rule = (p) => p.organisationKind === 'OPERATOR' && p.role === 'OPERATOR_ADMIN';
const ownInsurer = (p: Principal, r: ResourceFacts) => p.organisationKind === 'INSURER' && p.insurerId !== null && p.insurerId === r.insurerId;
const ownProvider = (p: Principal, r: ResourceFacts) => p.organisationKind === 'PROVIDER' && p.providerId !== null && p.providerId === r.providerId;
const ownOrganisation = (p: Principal, r: ResourceFacts) =>
  r.organisationKind === 'INSURER' ? ownInsurer(p, r) : r.organisationKind === 'PROVIDER' ? ownProvider(p, r) : false;
const isAdminRole = (p: Principal) => p.role === 'INSURER_ADMIN' || p.role === 'PROVIDER_ADMIN';
const insurerAmong = (p: Principal, ids: readonly number[] | undefined) =>
  p.organisationKind === 'INSURER' && p.insurerId !== null && (ids ?? []).includes(p.insurerId);
const purchasingInsurer = (p: Principal, r: ResourceFacts) => insurerAmong(p, r.purchasingInsurerIds);
const insurerStaff = (p: Principal) => p.role === 'INSURER_ADMIN' || p.role === 'INSURER_MEMBER';
const providerStaff = (p: Principal) => p.role === 'PROVIDER_ADMIN' || p.role === 'PROVIDER_SUBMITTER';
const represented = (p: Principal, r: ResourceFacts) => insurerAmong(p, r.representedInsurerIds);
const preferredInsurer = (p: Principal, r: ResourceFacts) => insurerAmong(p, r.preferredInsurerIds);
const proposedToOrCatalogue = (p: Principal, r: ResourceFacts) => r.proposedToInsurerId == null || p.insurerId === r.proposedToInsurerId;

/**
 * The authorization policy, one row per action: who may do it, in words (README repeats this table) and as a
 * rule. Services ask `authorize`/`can`; an action without a row is denied.
 */
export const POLICY = {
  'reference.read': {
    who: 'any authenticated principal',
    rule: () => true,
  },
  'reference.write': {
    who: 'operator admin',
    rule: operatorAdmin,
  },
  'policy.write': {
    who: "operator admin; insurer admin of the policy's insurer",
    rule: (p, r) => operatorAdmin(p, r) || (p.role === 'INSURER_ADMIN' && ownInsurer(p, r)),
  },
  'token.manage': {
    who: "operator admin (any organisation); insurer or provider admin (the admin's own organisation)",
    rule: (p, r) => operatorAdmin(p, r) || (isAdminRole(p) && ownOrganisation(p, r)),
  },
  'representation.write': {
    who: 'operator admin',
    rule: operatorAdmin,
  },
  'contract.read': {
    who:
      "the contract's insurer and provider; in a representation segment also every insurer with a market share in the agreement's region that year (the followers and the co-representing insurer, on whose behalf it was made); nobody else, not the operator",
    rule: (p, r) => ownInsurer(p, r) || ownProvider(p, r) || represented(p, r),
  },
  'contract.write': {
    who: "insurer admin or member of the contract's insurer",
    rule: (p, r) => insurerStaff(p) && ownInsurer(p, r),
  },
  'contract.revenue.report': {
    who: "insurer admin or member of the contract's insurer; provider admin or submitter of the contract's provider",
    rule: (p, r) => (insurerStaff(p) && ownInsurer(p, r)) || (providerStaff(p) && ownProvider(p, r)),
  },
  'contract.alerts.read': {
    who: 'any insurer principal (its own contracts) or provider principal (its own contracts)',
    rule: (p) => (p.organisationKind === 'INSURER' && p.insurerId !== null) || (p.organisationKind === 'PROVIDER' && p.providerId !== null),
  },
  'ceiling.procedure.read': {
    who: "the contract's insurer and provider (any role, DASHBOARD included); nobody else: not the insurers that follow a representation agreement, not the operator",
    rule: (p, r) => ownInsurer(p, r) || ownProvider(p, r),
  },
  'ceiling.procedure.write': {
    who: "provider admin or submitter of the contract's provider",
    rule: (p, r) => providerStaff(p) && ownProvider(p, r),
  },
  'ceiling.procedure.answer': {
    who: "insurer admin or member of the contract's insurer",
    rule: (p, r) => insurerStaff(p) && ownInsurer(p, r),
  },
  'kpi.proposal.read': {
    who: 'operator admin; the proposing provider and the insurer it was proposed to (any role, DASHBOARD included)',
    rule: (p, r) => operatorAdmin(p, r) || ownProvider(p, r) || ownInsurer(p, r),
  },
  'kpi.proposal.create': {
    who: 'provider admin or submitter of the proposing provider',
    rule: (p, r) => providerStaff(p) && ownProvider(p, r),
  },
  'kpi.proposal.review': {
    who: 'insurer admin or member of the insurer the KPI was proposed to, when it purchases from the provider in the proposal year (a signed MSZ contract)',
    rule: (p, r) => insurerStaff(p) && ownInsurer(p, r) && purchasingInsurer(p, r),
  },
  'kpi.target.read': {
    who: "operator admin; the target's insurer and the target's provider (any role, DASHBOARD included)",
    rule: (p, r) => operatorAdmin(p, r) || ownInsurer(p, r) || ownProvider(p, r),
  },
  'kpi.target.write': {
    who: "insurer admin or member of the target's insurer, when it purchases from the provider in the target year (a signed MSZ contract)",
    rule: (p, r) => insurerStaff(p) && ownInsurer(p, r) && purchasingInsurer(p, r),
  },
  'kpi.measurement.read': {
    who: "operator admin; the provider (any role, DASHBOARD included); the insurers purchasing from it in the period year (a signed MSZ contract) or holding a target of the KPI with it for that year or with a baseline in it (any role, DASHBOARD included); for a hospital's own KPI only the insurer it was proposed to",
    rule: (p, r) => operatorAdmin(p, r) || ownProvider(p, r) || (purchasingInsurer(p, r) && proposedToOrCatalogue(p, r)),
  },
  'kpi.measurement.submit': {
    who: 'provider admin or submitter of the provider',
    rule: (p, r) => providerStaff(p) && ownProvider(p, r),
  },
  'kpi.aggregate.read': {
    who: 'operator admin; any insurer (any role, DASHBOARD included); exact over the rows the principal may read, and a national benchmark withheld over 1 to 9 providers it may not read',
    rule: (p, r) => operatorAdmin(p, r) || (p.organisationKind === 'INSURER' && p.insurerId !== null),
  },
  'audit.read': {
    who: "operator admin (all events); insurer or provider admin (only the events the admin's own organisation performed, not others' events on its data)",
    rule: (p, r) => operatorAdmin(p, r) || (isAdminRole(p) && ownOrganisation(p, r)),
  },
  'monitoring.read': {
    who: 'the coordination function itself; insurers that purchase from it that year (a signed COORDINATION contract; representing and following); operator admin',
    rule: (p, r) => operatorAdmin(p, r) || ownProvider(p, r) || purchasingInsurer(p, r),
  },
  'monitoring.write': {
    who: 'the coordination function itself (provider admin or submitter); the platform itself (a CLI load without --as, never a network request)',
    rule: (p, r) => (providerStaff(p) && ownProvider(p, r)) || (p.credential === 'SYSTEM' && operatorAdmin(p, r)),
  },
  'monitoring.review': {
    who: "the preferred insurer (preferente zorgverzekeraar) of the coordination function that year (lead of the coordination agreement of its region and year, or an insurer of the lead's concern), when it purchases from it (a signed COORDINATION contract; insurer admin or member); the other purchasing insurers only read (seed 002)",
    rule: (p, r) => insurerStaff(p) && purchasingInsurer(p, r) && preferredInsurer(p, r),
  },
  'monitoring.reopen': {
    who: 'the preferred insurer of the coordination function that year, when it purchases from it (a signed COORDINATION contract; insurer admin or member), as for accepting (seed 002)',
    rule: (p, r) => insurerStaff(p) && purchasingInsurer(p, r) && preferredInsurer(p, r),
  },
  'monitoring.import.read': {
    who: 'the coordination function that uploaded; operator admin',
    rule: (p, r) => operatorAdmin(p, r) || ownProvider(p, r),
  },
  'monitoring.deadline.write': {
    who: 'operator admin',
    rule: operatorAdmin,
  },
  'coordination.checklist.write': {
    who: 'the preferred insurer of the coordination function that year, when it purchases from it (a signed COORDINATION contract; insurer admin or member); the other purchasing insurers only read (seed 002)',
    rule: (p, r) => insurerStaff(p) && purchasingInsurer(p, r) && preferredInsurer(p, r),
  },
  'coordination.signatories.write': {
    who: 'the coordination function itself (provider admin or submitter); an insurer that purchases from it that year (a signed COORDINATION contract; insurer admin or member)',
    rule: (p, r) => (providerStaff(p) && ownProvider(p, r)) || (insurerStaff(p) && purchasingInsurer(p, r)),
  },
  'sustainability.read': {
    who: "the provider itself (any role); every insurer that purchases from it in the reporting year, in any segment (a signed contract in force that year; any role); nobody else, not the operator (seed 001 Bijlage 1)",
    rule: (p, r) => ownProvider(p, r) || purchasingInsurer(p, r),
  },
  'sustainability.answer': {
    who: 'the provider itself (provider admin or submitter)',
    rule: (p, r) => providerStaff(p) && ownProvider(p, r),
  },
  'sustainability.valueChain.read': {
    who: 'any insurer principal (any role), over exactly the providers its insurer purchases from that year',
    rule: (p) => p.organisationKind === 'INSURER' && p.insurerId !== null,
  },
} satisfies Record<string, { who: string; rule: Rule }>;

export type Action = keyof typeof POLICY;

export function can(principal: Principal, action: Action, resource: ResourceFacts = {}): boolean {
  const entry: { rule: Rule } | undefined = POLICY[action];
  return entry ? entry.rule(principal, resource) : false;
}

/** Throws FORBIDDEN unless the request's principal may take the action. */
export function authorize(ctx: Pick<RequestContext, 'principal'>, action: Action, resource: ResourceFacts = {}): void {
  if (!can(ctx.principal, action, resource)) throw forbidden(action);
}

/** The FORBIDDEN error of an action, for checks that decide with more than `can` (say, after a query). */
export function forbidden(action: Action): AppError {
  return new AppError('FORBIDDEN', `Not allowed: this requires ${POLICY[action]?.who ?? 'a permission nobody has'}.`);
}

/** The closing sentence of an operation's description: who may call it, in the words of the action's row. */
export function requires(action: Action): string {
  return `Requires: ${POLICY[action].who}.`;
}

/** An operation's description: what it does, closed by `requires(action)`, so the schema says what the service checks. */
export function describeOperation(sentence: string, action: Action): string {
  return `${sentence} ${requires(action)}`;
}
