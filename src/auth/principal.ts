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
  /** Token prefix or JWT subject, for the audit log. */
  subject: string;
  /** How the principal proved itself; 'SYSTEM' for the platform's own work. */
  credential: 'API_TOKEN' | 'JWT' | 'SYSTEM';
  /** Key of the rate-limit budget: one per token or JWT subject. */
  credentialId: string;
}

/** The platform itself: used by start-up seeding and maintenance commands, never by a network request. */
export const SYSTEM_PRINCIPAL: Principal = {
  organisationKind: 'OPERATOR',
  organisationCode: 'operator',
  insurerId: null,
  providerId: null,
  role: 'OPERATOR_ADMIN',
  subject: 'system',
  credential: 'SYSTEM',
  credentialId: 'system',
};
