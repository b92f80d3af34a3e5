import { createLocalJWKSet, errors, JSONWebKeySet, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import type { OidcConfig } from '../config';
import type { Logger } from '../logger';
import type { Principal } from './principal';
import { Role, ROLES_BY_KIND } from './roles';
import { AGB, UZOVI } from '../shared/validation';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const MAX_SUBJECT_LENGTH = 200;
/** An unknown key id refetches the key set at most this often, so forged key ids cannot flood the provider. */
export const JWKS_REFETCH_INTERVAL_MS = 10_000;
/** Keys are fetched again after this long even when every key id is known, so withdrawn keys stop working. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
const JWKS_FETCH_TIMEOUT_MS = 5_000;

/** The key set could not be fetched: the provider is down or answers nonsense, which says nothing of the token. */
export class OidcKeysUnavailable extends Error {}

/** A token refused for a reason worth logging (the token itself is never logged). */
class Refusal extends Error {}

/** Organisation lookups by natural key; the caller owns the database access. */
export interface OrganisationLookup {
  insurer: (uzovi: string) => Promise<number | null>;
  provider: (agb: string) => Promise<number | null>;
}

/**
 * The provider's signing keys, fetched when first needed, again after JWKS_MAX_AGE_MS, and again when a token
 * names a key id the set does not hold (a rotation), but not more than once per JWKS_REFETCH_INTERVAL_MS.
 */
class KeySet {
  private local: JWTVerifyGetKey | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  /** How many times the key set was fetched: the log reports it with each refetch. */
  fetches = 0;

  constructor(
    private readonly url: string,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.local || this.now() - this.fetchedAt > JWKS_MAX_AGE_MS) await this.refresh();
    try {
      return await this.local!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (this.now() - this.fetchedAt < JWKS_REFETCH_INTERVAL_MS) {
        throw new Refusal(`no key with kid ${JSON.stringify(header.kid ?? null)} in the key set, fetched less than ${JWKS_REFETCH_INTERVAL_MS / 1000} s ago`);
      }
      await this.refresh();
      return this.local!(header, token);
    }
  };

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    // Counted before the request, so a failing provider is not asked again at once either.
    this.fetchedAt = this.now();
    this.fetches += 1;
    let keys: JSONWebKeySet;
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      keys = (await response.json()) as JSONWebKeySet;
      if (!keys || !Array.isArray(keys.keys)) throw new Error('no "keys" array');
    } catch (error) {
      throw new OidcKeysUnavailable(`the OIDC key set at ${this.url} could not be fetched: ${(error as Error).message}`);
    }
    this.local = createLocalJWKSet(keys);
    this.log.info('OIDC key set fetched', { url: this.url, keys: keys.keys.length, fetches: this.fetches });
  }
}

const ORGANISATION_NAMES: Record<Principal['organisationKind'], string> = { OPERATOR: 'the operator', INSURER: 'an insurer', PROVIDER: 'a provider' };

/** The value at a claim name, or else at a dotted path into nested objects ("realm_access.roles"). */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * One role from a role claim for an organisation of this kind. A string must name a role of the kind. From an
 * array (identity providers list roles: realm_access.roles) the names of this kind's roles count and others
 * (offline_access, ...) are ignored; of several, the most powerful: this kind's roles nest (admin, then member or
 * submitter, then dashboard), and the provider granted each of them.
 */
export function roleFor(claim: unknown, kind: Principal['organisationKind']): Role | Refusal {
  // Most powerful first, which the choice from an array relies on.
  const fitting = ROLES_BY_KIND[kind];
  const of = ORGANISATION_NAMES[kind];
  if (typeof claim === 'string') return (fitting as string[]).includes(claim) ? (claim as Role) : new Refusal(`role ${JSON.stringify(claim.slice(0, 50))} is not a role of ${of}`);
  if (Array.isArray(claim)) {
    const granted = fitting.filter((role) => claim.includes(role));
    return granted[0] ?? new Refusal(`the role claim lists no role of ${of} (${fitting.join(', ')})`);
  }
  return new Refusal(claim === undefined ? 'the role claim is missing' : 'the role claim is neither a string nor an array');
}

/**
 * Verifies OpenID Connect bearer JWTs (signature against the provider's key set, issuer, audience, expiry with a
 * clock tolerance) and reads the organisation and role claims. Every refusal is logged with its reason and the
 * key id, issuer and subject where the token has them; never the token.
 */
export class OidcVerifier {
  private readonly keys: KeySet;

  constructor(
    private readonly config: OidcConfig,
    private readonly log: Logger,
    now: () => number = Date.now,
  ) {
    this.keys = new KeySet(config.jwksUrl, now, log);
  }

  /** The principal of a valid token, or null (logged). Throws OidcKeysUnavailable, and whatever a lookup throws. */
  async principalOf(jwt: string, lookup: OrganisationLookup): Promise<Principal | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, this.keys.getKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: this.config.clockToleranceSeconds,
      }));
    } catch (error) {
      if (error instanceof OidcKeysUnavailable) {
        this.log.error('OIDC token not checked', { reason: error.message });
        throw error;
      }
      if (error instanceof Refusal || error instanceof errors.JOSEError) {
        this.refuse(error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : error.message, jwt);
        return null;
      }
      throw error;
    }
    const result = await this.principalFrom(payload, lookup);
    if (result instanceof Refusal) {
      this.refuse(result.message, jwt, payload);
      return null;
    }
    return result;
  }

  private async principalFrom(payload: JWTPayload, lookup: OrganisationLookup): Promise<Principal | Refusal> {
    const subject = payload.sub;
    // The audit log and ApiToken.createdBy keep the subject in 200 characters; a longer one could not be recorded.
    if (typeof subject !== 'string' || subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH) {
      return new Refusal(`the sub claim must be a string of 1 to ${MAX_SUBJECT_LENGTH} characters`);
    }
    const organisation = claimAt(payload, this.config.organisationClaim);
    if (typeof organisation !== 'string') return new Refusal(`the organisation claim ${this.config.organisationClaim} is not a string`);
    const base = { subject, credential: 'JWT' as const, credentialId: `jwt:${payload.iss}:${subject}` };
    const roleClaim = claimAt(payload, this.config.roleClaim);
    if (organisation === 'operator') {
      const role = roleFor(roleClaim, 'OPERATOR');
      if (role instanceof Refusal) return role;
      return { ...base, role, organisationKind: 'OPERATOR', organisationCode: 'operator', insurerId: null, providerId: null };
    }
    // Anchored, so that "insurer:3311:anything" is refused rather than read as insurer 3311.
    const [, kind, code = ''] = /^(insurer|provider):(\d+)$/.exec(organisation) ?? [];
    if (kind === 'insurer' && UZOVI.test(code)) {
      const role = roleFor(roleClaim, 'INSURER');
      if (role instanceof Refusal) return role;
      const insurerId = await lookup.insurer(code);
      if (insurerId === null) return new Refusal(`no insurer has UZOVI code ${code}`);
      return { ...base, role, organisationKind: 'INSURER', organisationCode: code, insurerId, providerId: null };
    }
    if (kind === 'provider' && AGB.test(code)) {
      const role = roleFor(roleClaim, 'PROVIDER');
      if (role instanceof Refusal) return role;
      const providerId = await lookup.provider(code);
      if (providerId === null) return new Refusal(`no provider has AGB code ${code}`);
      return { ...base, role, organisationKind: 'PROVIDER', organisationCode: code, insurerId: null, providerId };
    }
    return new Refusal(`organisation ${JSON.stringify(organisation.slice(0, 50))} is not "operator", "insurer:<UZOVI>" or "provider:<AGB>"`);
  }

  private refuse(reason: string, jwt: string, verified?: JWTPayload): void {
    this.log.warn('OIDC token refused', { reason, ...describe(jwt), ...(verified ? { issuer: verified.iss, subject: verified.sub } : {}) });
  }
}

/** The key id and algorithm of a token's header, which identify the key without revealing the token. */
function describe(jwt: string): { kid?: string; alg?: string } {
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      ...(typeof header.kid === 'string' ? { kid: header.kid.slice(0, 100) } : {}),
      ...(typeof header.alg === 'string' ? { alg: header.alg.slice(0, 20) } : {}),
    };
  } catch {
    return {};
  }
}
