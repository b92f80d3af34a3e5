import { registerEnumType } from 'type-graphql';
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
registerEnumType(Role, {
  name: 'Role',
  description: 'What a credential may do on behalf of its organisation.',
  valuesConfig: {
    OPERATOR_ADMIN: { description: 'Platform operator: manages reference data, all credentials, and reads the whole audit log.' },
    INSURER_ADMIN: { description: "An insurer's administrator: its own policies, milestones and credentials, plus what a member may do." },
    INSURER_MEMBER: { description: "An insurer's staff: reads shared data and the insurer's own confidential data, and works on its own records." },
    PROVIDER_ADMIN: { description: "A provider's administrator: its own credentials, plus what a submitter may do." },
    PROVIDER_SUBMITTER: { description: "A provider's staff: reads and submits the provider's own figures." },
    DASHBOARD: { description: 'Read-only client such as a KPI dashboard, seeing what its organisation may see; never writes.' },
  },
});

export const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  OPERATOR: [Role.OPERATOR_ADMIN],
  INSURER: [Role.INSURER_ADMIN, Role.INSURER_MEMBER, Role.DASHBOARD],
  PROVIDER: [Role.PROVIDER_ADMIN, Role.PROVIDER_SUBMITTER, Role.DASHBOARD],
};

export function roleFitsKind(role: string, kind: OrganisationKind): role is Role {
  return (ROLES_BY_KIND[kind] as string[]).includes(role);
}
