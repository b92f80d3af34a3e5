import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { AuthConfig } from '../config';
import type { Logger } from '../logger';
import { OidcKeysUnavailable, OidcVerifier } from './oidc';
import type { Principal } from './principal';
import { budgetUsedSql, Peek, RateLimitState } from './rate-limit';
import { requestScope } from '../db/request-scope';
import { preparedQuery } from '../db/prepared';
import { OrganisationKindEnum } from './api-token.entity';
import { hashesEqual, hashToken, looksLikeApiToken, parseToken } from './token';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';

const LAST_USED_RESOLUTION_MS = 60_000;

const TOKEN_COLUMNS = `select t.id, t.secret_hash, t.organisation_kind, t.insurer_id, t.provider_id, t.role, t.expires_at, t.last_used_at,
       t.revoked_at, i.uzovi, p.agb`;
const TOKEN_FROM = `from (select 1) one
  left join api_token t on t.prefix = $1
  left join insurer i on i.id = t.insurer_id
  left join provider p on p.id = t.provider_id`;
const TOKEN_ALONE = { name: 'zix_token', text: `${TOKEN_COLUMNS} ${TOKEN_FROM}` };
/** With the failure count of a source address: $2 its key, $3 the window's start (RateLimiter.peekOf). */
const TOKEN_WITH_GATE = {
  name: 'zix_token_gate',
  text: `${TOKEN_COLUMNS}, ${budgetUsedSql('$2', '$3')} as gate_used ${TOKEN_FROM}`,
};

/** An api_token row with its organisation's natural key, as the authentication statement reads it. */
interface TokenRow {
  id: number | null;
  secret_hash: string | null;
  organisation_kind: string | null;
  insurer_id: number | null;
  provider_id: number | null;
  role: string | null;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
  uzovi: string | null;
  agb: string | null;
  /** The failure budget's use, when the statement carried a peek. */
  gate_used?: string | null;
}

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

  /**
   * `authenticate` with the source address's failure budget read in the same statement when the credential is an
   * API token (one round trip for both); null for any other credential, whose caller reads the budget on its own.
   * Both results are settled: the budget and the principal fail together when the statement does, and the
   * principal alone when its last-used update does.
   */
  authenticateGated(
    authorization: string | undefined,
    gate: Peek,
  ): Promise<[PromiseSettledResult<RateLimitState>, PromiseSettledResult<Principal | null>]> | null {
    const match = /^Bearer ([!-~]{10,4096})$/.exec(authorization ?? '');
    if (!match || !looksLikeApiToken(match[1]) || !parseToken(match[1])) return null;
    const token = match[1];
    return this.lookUpToken(token, gate).then(
      async (row) => {
        const state: PromiseSettledResult<RateLimitState> = { status: 'fulfilled', value: gate.state(row.gate_used ?? null) };
        try {
          return [state, { status: 'fulfilled', value: await this.principalOf(token, row) }];
        } catch (reason) {
          return [state, { status: 'rejected', reason }];
        }
      },
      (reason: unknown) => [
        { status: 'rejected', reason },
        { status: 'rejected', reason },
      ],
    );
  }

  /**
   * One plain statement, every request (a cache would delay revocation): the token and its organisation's key, no
   * entity created; always one row, the token's columns null when no token has the prefix.
   */
  private lookUpToken(token: string, gate: Peek | null): Promise<TokenRow> {
    const parsed = parseToken(token)!;
    const statement = gate ? TOKEN_WITH_GATE : TOKEN_ALONE;
    return this.lookUp(async () => {
      const values = gate ? [parsed.prefix, ...gate.params] : [parsed.prefix];
      const [row] = await requestScope.exit(() => preparedQuery<TokenRow>(this.orm, statement.name, statement.text, values));
      return row;
    });
  }

  private async fromApiToken(token: string): Promise<Principal | null> {
    if (!parseToken(token)) return null;
    return this.principalOf(token, await this.lookUpToken(token, null));
  }

  /** The principal of a token's row, after the same checks as always; null for any failure. */
  private async principalOf(token: string, row: TokenRow): Promise<Principal | null> {
    const parsed = parseToken(token)!;
    if (row.id === null || !row.secret_hash || !hashesEqual(row.secret_hash, hashToken(token))) return null;
    const now = Date.now();
    if (row.revoked_at || new Date(row.expires_at!).getTime() <= now) return null;
    if (!row.last_used_at || now - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
      // Once a minute per token, so not part of what the request's operation costs: outside its statement count.
      await this.lookUp(() =>
        requestScope.exit(() => this.orm.em.getConnection().execute('update api_token set last_used_at = ? where id = ?', [new Date(now), row.id])),
      );
    }
    const kind = row.organisation_kind as OrganisationKindEnum;
    return {
      organisationKind: kind,
      organisationCode: kind === OrganisationKindEnum.INSURER ? row.uzovi! : kind === OrganisationKindEnum.PROVIDER ? row.agb! : 'operator',
      insurerId: row.insurer_id ?? null,
      providerId: row.provider_id ?? null,
      role: row.role!,
      subject: parsed.prefix,
      credential: 'API_TOKEN',
      credentialId: `token:${parsed.prefix}`,
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
