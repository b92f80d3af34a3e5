/**
 * Who a request acts for. Every client acts for one organisation with one role; the identity layer fills this
 * in, and services decide with it.
 */
export type OrganisationKind = 'OPERATOR' | 'INSURER' | 'PROVIDER';

export interface Principal {
  organisationKind: OrganisationKind;
  /** Natural key of the organisation: UZOVI for an insurer, AGB for a provider, 'operator' for the platform. */
  organisationCode: string;
  insurerId: number | null;
  providerId: number | null;
  role: string;
  /** Token id or JWT subject, for the audit log. */
  subject: string;
}

/** The platform itself: used by start-up seeding and maintenance commands, never by a network request. */
export const SYSTEM_PRINCIPAL: Principal = {
  organisationKind: 'OPERATOR',
  organisationCode: 'operator',
  insurerId: null,
  providerId: null,
  role: 'OPERATOR_ADMIN',
  subject: 'system',
};
