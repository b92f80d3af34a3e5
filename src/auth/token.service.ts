import type { EntityManager, FilterQuery, RequiredEntityData } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { AppError } from '../core/errors';
import { findPage } from '../db/find-page';
import { requiredText } from '../shared/validation';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { authorize, can, ResourceFacts } from './access-policy';
import { ApiToken, OrganisationKindEnum } from './api-token.entity';
import { generateToken } from './token';
import { Role, roleFitsKind } from './roles';
import { AuthErrorCode as Code } from './auth.errors';

export interface TokenCreateRequest {
  organisationKind: OrganisationKindEnum;
  organisationCode: string;
  role: Role;
  label: string;
  expiresInDays?: number | null;
}

export interface CreatedToken {
  token: ApiToken;
  /** The secret, shown once: only its hash is stored. */
  secret: string;
}

function factsOf(token: ApiToken): ResourceFacts {
  return { organisationKind: token.organisationKind, insurerId: token.insurer?.id ?? null, providerId: token.provider?.id ?? null };
}

/** Creates a token for an organisation. Requires token.manage on that organisation. */
export function createToken(ctx: RequestContext, input: TokenCreateRequest): Promise<MutationOutcome<CreatedToken>> {
  return runMutation(ctx, async (em) => {
    const problems = new Problems<Code>();
    const code = input.organisationCode.trim();
    let insurer: Insurer | null = null;
    let provider: Provider | null = null;
    if (input.organisationKind === OrganisationKindEnum.INSURER) {
      insurer = await em.findOne(Insurer, { uzovi: code });
      if (!insurer) problems.add('organisationCode', Code.UNKNOWN_ORGANISATION, `No insurer has UZOVI code "${code}".`);
    } else if (input.organisationKind === OrganisationKindEnum.PROVIDER) {
      provider = await em.findOne(Provider, { agb: code });
      if (!provider) problems.add('organisationCode', Code.UNKNOWN_ORGANISATION, `No provider has AGB code "${code}".`);
    } else if (code !== 'operator') {
      problems.add('organisationCode', Code.UNKNOWN_ORGANISATION, 'The operator organisation has code "operator".');
    }
    authorize(ctx, 'token.manage', { organisationKind: input.organisationKind, insurerId: insurer?.id ?? null, providerId: provider?.id ?? null });
    if (!roleFitsKind(input.role, input.organisationKind)) {
      problems.add('role', Code.ROLE_NOT_FOR_ORGANISATION, `Role ${input.role} is not a role of a ${input.organisationKind.toLowerCase()} organisation.`);
    }
    const max = ctx.config.auth.tokenMaxDays;
    const days = input.expiresInDays ?? ctx.config.auth.tokenDefaultDays;
    if (!Number.isInteger(days) || days < 1 || days > max) {
      problems.add('expiresInDays', Code.INVALID_EXPIRY, `A token lives 1 to ${max} days; got ${days}.`);
    }
    const label = requiredText(problems, 'label', input.label, { required: Code.REQUIRED, tooLong: Code.TOO_LONG });
    problems.throwIfAny();
    const { token, secret } = issueApiToken(em, {
      organisationKind: input.organisationKind,
      insurer,
      provider,
      role: input.role,
      label: label!,
      expiresAt: new Date(Date.now() + days * 86_400_000),
      createdBy: ctx.principal.subject,
    });
    await em.flush();
    return { token, secret };
  });
}

/**
 * A new API token (persisted at the next flush) and its secret, which exists only here: the row keeps its
 * prefix and the hash. The one place tokens are made, for the API, the development start and the tests.
 */
export function issueApiToken(em: EntityManager, fields: Omit<RequiredEntityData<ApiToken>, 'prefix' | 'secretHash'>): { token: ApiToken; secret: string } {
  const generated = generateToken();
  const token = em.create(ApiToken, { ...fields, prefix: generated.prefix, secretHash: generated.hash } as RequiredEntityData<ApiToken>);
  return { token, secret: generated.token };
}

export interface TokenFilter {
  organisationKind?: OrganisationKindEnum | null;
  organisationCode?: string | null;
  includeRevoked?: boolean | null;
}

/** Operator admins list every token; organisation admins only their own organisation's. */
export async function listTokens(ctx: RequestContext, filter: TokenFilter | null | undefined, page: PageQuery): Promise<Page<ApiToken>> {
  const p = ctx.principal;
  const where: FilterQuery<ApiToken> = {};
  if (can(p, 'token.manage', { organisationKind: 'OPERATOR' })) {
    if (filter?.organisationKind) where.organisationKind = filter.organisationKind;
    if (filter?.organisationCode) {
      const code = filter.organisationCode;
      where.$or = [{ insurer: { uzovi: code } }, { provider: { agb: code } }, ...(code === 'operator' ? [{ organisationKind: OrganisationKindEnum.OPERATOR }] : [])];
    }
  } else if (can(p, 'token.manage', { organisationKind: p.organisationKind, insurerId: p.insurerId, providerId: p.providerId })) {
    if (p.organisationKind === 'INSURER') where.insurer = p.insurerId;
    else where.provider = p.providerId;
  } else {
    throw new AppError('FORBIDDEN', 'Not allowed: listing tokens requires an admin role.');
  }
  if (!filter?.includeRevoked) where.revokedAt = null;
  return findPage(ctx, ApiToken, where, [{ createdAt: 'desc' }], page);
}

/** Tokens the principal may manage; others are null, as if they did not exist. */
export async function tokensByIds(ctx: RequestContext, ids: readonly number[]): Promise<(ApiToken | null)[]> {
  const rows = await ctx.em.find(ApiToken, { id: { $in: [...ids] } });
  const byId = new Map(rows.filter((t) => can(ctx.principal, 'token.manage', factsOf(t))).map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Revokes a token by global ID or prefix; a token the principal may not manage is reported as not found. */
export function revokeToken(ctx: RequestContext, ref: { id?: string | null; prefix?: string | null }): Promise<MutationOutcome<ApiToken>> {
  return runMutation(ctx, async (em) => {
    const id = ref.id ? idOfType(ref.id, 'ApiToken') : null;
    const token = id ? await em.findOne(ApiToken, { id }) : ref.prefix ? await em.findOne(ApiToken, { prefix: ref.prefix }) : null;
    if (!token || !can(ctx.principal, 'token.manage', factsOf(token))) fail(ref.id ? 'id' : 'prefix', Code.NOT_FOUND, 'No token you may manage has this ID.');
    if (token.revokedAt) fail('id', Code.ALREADY_REVOKED, `Token ${token.prefix} was revoked at ${token.revokedAt.toISOString()}.`);
    token.revokedAt = new Date();
    await em.flush();
    return token;
  });
}

/** Owner facts of a token, for the audit log. */
export function tokenOwners(token: ApiToken): { ownerInsurerIds: number[]; ownerProviderIds: number[] } {
  return { ownerInsurerIds: token.insurer ? [token.insurer.id] : [], ownerProviderIds: token.provider ? [token.provider.id] : [] };
}
