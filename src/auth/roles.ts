import type { OrganisationKind } from './principal';

/** Roles are few and named for what they allow; each belongs to one kind of organisation. */
export enum Role {
  OPERATOR_ADMIN = 'OPERATOR_ADMIN',
  INSURER_ADMIN = 'INSURER_ADMIN',
  INSURER_MEMBER = 'INSURER_MEMBER',
  PROVIDER_ADMIN = 'PROVIDER_ADMIN',
  PROVIDER_SUBMITTER = 'PROVIDER_SUBMITTER',
  DASHBOARD = 'DASHBOARD',
}

export const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  OPERATOR: [Role.OPERATOR_ADMIN],
  INSURER: [Role.INSURER_ADMIN, Role.INSURER_MEMBER, Role.DASHBOARD],
  PROVIDER: [Role.PROVIDER_ADMIN, Role.PROVIDER_SUBMITTER, Role.DASHBOARD],
};

export function roleFitsKind(role: string, kind: OrganisationKind): role is Role {
  return (ROLES_BY_KIND[kind] as string[]).includes(role);
}
