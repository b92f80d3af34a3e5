import type { Principal } from './principal';
import type { RequestContext } from '../graphql/context';
import { AppError } from '../graphql/errors';

/** The facts about the object being acted on that a rule may need. */
export interface ResourceFacts {
  organisationKind?: 'OPERATOR' | 'INSURER' | 'PROVIDER';
  insurerId?: number | null;
  providerId?: number | null;
}

type Rule = (principal: Principal, resource: ResourceFacts) => boolean;

const operatorAdmin: Rule = (p) => p.organisationKind === 'OPERATOR' && p.role === 'OPERATOR_ADMIN';
const ownInsurer = (p: Principal, r: ResourceFacts) => p.organisationKind === 'INSURER' && p.insurerId !== null && p.insurerId === r.insurerId;
const ownProvider = (p: Principal, r: ResourceFacts) => p.organisationKind === 'PROVIDER' && p.providerId !== null && p.providerId === r.providerId;
const ownOrganisation = (p: Principal, r: ResourceFacts) =>
  r.organisationKind === 'INSURER' ? ownInsurer(p, r) : r.organisationKind === 'PROVIDER' ? ownProvider(p, r) : false;
const isAdminRole = (p: Principal) => p.role === 'INSURER_ADMIN' || p.role === 'PROVIDER_ADMIN';

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
  'audit.read': {
    who: "operator admin (all events); insurer or provider admin (events by or on the admin's own organisation)",
    rule: (p, r) => operatorAdmin(p, r) || (isAdminRole(p) && ownOrganisation(p, r)),
  },
} satisfies Record<string, { who: string; rule: Rule }>;

export type Action = keyof typeof POLICY;

export function can(principal: Principal, action: Action, resource: ResourceFacts = {}): boolean {
  const entry: { rule: Rule } | undefined = POLICY[action];
  return entry ? entry.rule(principal, resource) : false;
}

/** Throws FORBIDDEN unless the request's principal may take the action. */
export function authorize(ctx: Pick<RequestContext, 'principal'>, action: Action, resource: ResourceFacts = {}): void {
  if (!can(ctx.principal, action, resource)) {
    throw new AppError('FORBIDDEN', `Not allowed: this requires ${POLICY[action]?.who ?? 'a permission nobody has'}.`);
  }
}
