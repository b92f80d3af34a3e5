import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { createRemoteJWKSet, jwtVerify, JWTVerifyGetKey } from 'jose';
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
 * Turns a bearer credential into a principal, or null. Every failure (missing, malformed, unknown, expired,
 * revoked, wrongly signed) gives the same null, so a caller learns nothing about why.
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
    try {
      return looksLikeApiToken(credential) ? await this.fromApiToken(credential) : await this.fromJwt(credential);
    } catch {
      return null;
    }
  }

  private async fromApiToken(token: string): Promise<Principal | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const em = this.orm.em.fork() as EntityManager;
    const row = await em.findOne(ApiToken, { prefix: parsed.prefix }, { populate: ['insurer', 'provider'] });
    if (!row || !hashesEqual(row.secretHash, hashToken(token))) return null;
    const now = Date.now();
    if (row.revokedAt || row.expiresAt.getTime() <= now) return null;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await em.nativeUpdate(ApiToken, { id: row.id }, { lastUsedAt: new Date(now) });
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
    const { payload } = await jwtVerify(jwt, this.jwks, {
      issuer: this.config.oidcIssuer!,
      audience: this.config.oidcAudience!,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
    });
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
      const insurer = await em.findOne(Insurer, { uzovi: code });
      return insurer ? { ...base, organisationKind: 'INSURER', organisationCode: code, insurerId: insurer.id, providerId: null } : null;
    }
    if (kind === 'provider' && AGB.test(code ?? '') && roleFitsKind(role, 'PROVIDER')) {
      const provider = await em.findOne(Provider, { agb: code });
      return provider ? { ...base, organisationKind: 'PROVIDER', organisationCode: code, insurerId: null, providerId: provider.id } : null;
    }
    return null;
  }
}
