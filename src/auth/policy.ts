import type { Principal } from './principal';
import type { RequestContext } from '../graphql/context';
import { AppError } from '../graphql/errors';

/** The facts about the object being acted on that a rule may need. */
export interface ResourceFacts {
  insurerId?: number | null;
  providerId?: number | null;
}

export type Action = 'reference.read' | 'reference.write' | 'policy.write';

type Rule = (principal: Principal, resource: ResourceFacts) => boolean;

const isOperatorAdmin: Rule = (p) => p.organisationKind === 'OPERATOR' && p.role === 'OPERATOR_ADMIN';

/** The authorization policy: one rule per action; an action without a rule is denied. */
export const POLICY: Record<Action, { who: string; rule: Rule }> = {
  'reference.read': { who: 'any authenticated principal', rule: () => true },
  'reference.write': { who: 'operator admin', rule: isOperatorAdmin },
  'policy.write': {
    who: "operator admin; insurer admin of the policy's insurer",
    rule: (p, r) => isOperatorAdmin(p, r) || (p.role === 'INSURER_ADMIN' && p.insurerId !== null && p.insurerId === r.insurerId),
  },
};

export function can(principal: Principal, action: Action, resource: ResourceFacts = {}): boolean {
  const entry = POLICY[action];
  return entry ? entry.rule(principal, resource) : false;
}

/** Throws FORBIDDEN unless the request's principal may take the action. */
export function authorize(ctx: Pick<RequestContext, 'principal'>, action: Action, resource: ResourceFacts = {}): void {
  if (!can(ctx.principal, action, resource)) {
    throw new AppError('FORBIDDEN', `Not allowed: ${action} requires ${POLICY[action]?.who ?? 'a permission nobody has'}.`);
  }
}
