import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { createRemoteJWKSet, errors, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import type { Principal } from './principal';
import { ApiToken, OrganisationKindEnum } from './api-token.entity';
import { hashesEqual, hashToken, looksLikeApiToken, parseToken } from './token';
import { roleFitsKind } from './roles';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { AGB, UZOVI } from '../shared/validation';

const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_SUBJECT_LENGTH = 200;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * The credential could not be checked: the database (or the OIDC provider's key set) did not answer. The client
 * must be told to retry, not that its credential is bad.
 */
export class AuthenticationUnavailable extends Error {}

/**
 * Turns a bearer credential into a principal, or null. Every failure (missing, malformed, unknown, expired,
 * revoked, wrongly signed) gives the same null, so a caller learns nothing about why. When what the check needs
 * is unreachable it throws AuthenticationUnavailable instead.
 */
export class Authenticator {
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AuthConfig,
  ) {
    this.jwks = config.oidcJwksUrl && config.oidcIssuer && config.oidcAudience ? createRemoteJWKSet(new URL(config.oidcJwksUrl)) : null;
  }

  async authenticate(authorization: string | undefined): Promise<Principal | null> {
    const match = /^Bearer ([!-~]{10,4096})$/.exec(authorization ?? '');
    if (!match) return null;
    const credential = match[1];
    return looksLikeApiToken(credential) ? this.fromApiToken(credential) : this.fromJwt(credential);
  }

  private async lookUp<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      throw new AuthenticationUnavailable('the database did not answer', { cause: error });
    }
  }

  private async fromApiToken(token: string): Promise<Principal | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const em = this.orm.em.fork() as EntityManager;
    const row = await this.lookUp(() => em.findOne(ApiToken, { prefix: parsed.prefix }, { populate: ['insurer', 'provider'] }));
    if (!row || !hashesEqual(row.secretHash, hashToken(token))) return null;
    const now = Date.now();
    if (row.revokedAt || row.expiresAt.getTime() <= now) return null;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.lookUp(() => em.nativeUpdate(ApiToken, { id: row.id }, { lastUsedAt: new Date(now) }));
    }
    return {
      organisationKind: row.organisationKind,
      organisationCode:
        row.organisationKind === OrganisationKindEnum.INSURER
          ? row.insurer!.getEntity().uzovi
          : row.organisationKind === OrganisationKindEnum.PROVIDER
            ? row.provider!.getEntity().agb
            : 'operator',
      insurerId: row.insurer?.id ?? null,
      providerId: row.provider?.id ?? null,
      role: row.role,
      subject: row.prefix,
      credential: 'API_TOKEN',
      credentialId: `token:${row.prefix}`,
    };
  }

  private async fromJwt(jwt: string): Promise<Principal | null> {
    if (!this.jwks) return null;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, this.jwks, {
        issuer: this.config.oidcIssuer!,
        audience: this.config.oidcAudience!,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      // The key set could not be fetched: an outage of the provider, not a bad token.
      if (error instanceof errors.JWKSTimeout || (error as NodeJS.ErrnoException).syscall !== undefined) {
        throw new AuthenticationUnavailable('the OIDC key set did not answer', { cause: error });
      }
      return null;
    }
    const organisation = payload[this.config.oidcOrganisationClaim];
    const role = payload[this.config.oidcRoleClaim];
    if (typeof organisation !== 'string' || typeof role !== 'string' || typeof payload.sub !== 'string') return null;
    // The audit log and ApiToken.createdBy keep the subject in 200 characters; a longer one could not be recorded.
    if (payload.sub.length === 0 || payload.sub.length > MAX_SUBJECT_LENGTH) return null;
    const base = { role, subject: payload.sub, credential: 'JWT' as const, credentialId: `jwt:${payload.iss}:${payload.sub}` };
    if (organisation === 'operator') {
      if (!roleFitsKind(role, 'OPERATOR')) return null;
      return { ...base, organisationKind: 'OPERATOR', organisationCode: 'operator', insurerId: null, providerId: null };
    }
    // Anchored, so that "insurer:3311:anything" is refused rather than read as insurer 3311.
    const [, kind, code] = /^(insurer|provider):(\d+)$/.exec(organisation) ?? [];
    const em = this.orm.em.fork() as EntityManager;
    if (kind === 'insurer' && UZOVI.test(code ?? '') && roleFitsKind(role, 'INSURER')) {
      const insurer = await this.lookUp(() => em.findOne(Insurer, { uzovi: code }));
      return insurer ? { ...base, organisationKind: 'INSURER', organisationCode: code, insurerId: insurer.id, providerId: null } : null;
    }
    if (kind === 'provider' && AGB.test(code ?? '') && roleFitsKind(role, 'PROVIDER')) {
      const provider = await this.lookUp(() => em.findOne(Provider, { agb: code }));
      return provider ? { ...base, organisationKind: 'PROVIDER', organisationCode: code, insurerId: null, providerId: provider.id } : null;
    }
    return null;
  }
}
