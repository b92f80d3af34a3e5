import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config';
import type { Logger } from '../logger';
import { OidcKeysUnavailable, OidcVerifier } from './oidc';
import type { Principal } from './principal';
import { requestScope } from '../db/request-scope';
import { ApiToken, OrganisationKindEnum } from './api-token.entity';
import { hashesEqual, hashToken, looksLikeApiToken, parseToken } from './token';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';

const LAST_USED_RESOLUTION_MS = 60_000;

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
  private readonly oidc: OidcVerifier | null;

  constructor(
    private readonly orm: MikroORM,
    config: AuthConfig,
    log: Logger,
    now?: () => number,
  ) {
    this.oidc = config.oidc ? new OidcVerifier(config.oidc, log, now) : null;
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
      // Once a minute per token, so not part of what the request's operation costs: outside its statement count.
      await this.lookUp(() => requestScope.exit(() => em.nativeUpdate(ApiToken, { id: row.id }, { lastUsedAt: new Date(now) })));
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
    if (!this.oidc) return null;
    const em = this.orm.em.fork() as EntityManager;
    try {
      return await this.oidc.principalOf(jwt, {
        insurer: async (uzovi) => (await this.lookUp(() => em.findOne(Insurer, { uzovi })))?.id ?? null,
        provider: async (agb) => (await this.lookUp(() => em.findOne(Provider, { agb })))?.id ?? null,
      });
    } catch (error) {
      // The key set could not be fetched: an outage of the provider, not a bad token.
      if (error instanceof OidcKeysUnavailable) throw new AuthenticationUnavailable('the OIDC key set did not answer', { cause: error });
      throw error;
    }
  }
}
