import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { describeOperation } from './access-policy';
import { SyncPageArgs, connectionType, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { userErrorType } from '../graphql/user-error';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { ApiToken, OrganisationKindEnum } from './api-token.entity';
import { AuditEvent, AuditKind, AuditOutcome } from './audit-event.entity';
import { AuthErrorCode } from './auth.errors';
import { Role } from './roles';
import * as tokens from './token.service';
import * as audit from './audit.service';

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
registerEnumType(AuthErrorCode, {
  name: 'AuthErrorCode',
  description: 'Why a credential mutation was refused.',
  valuesConfig: {
    UNKNOWN_ORGANISATION: { description: 'No organisation of that kind has the given code.' },
    ROLE_NOT_FOR_ORGANISATION: { description: 'The role does not belong to that kind of organisation.' },
    INVALID_EXPIRY: { description: 'The lifetime is outside the allowed number of days.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    ALREADY_REVOKED: { description: 'The token was revoked before.' },
    NOT_FOUND: { description: 'No token you may manage has this ID.' },
  },
});

const AuthUserError = userErrorType('AuthUserError', AuthErrorCode, 'A problem with a credential mutation input.');

registerNodeType('ApiToken', tokens.tokensByIds);
registerNodeType('AuditEvent', audit.auditEventsByIds);

const ApiTokenConnection = connectionType(ApiToken, 'ApiToken', 'API token');
const AuditEventConnection = connectionType(AuditEvent, 'AuditEvent', 'audit event');

@ObjectType('Viewer', { description: 'The organisation and role the current credential acts for.' })
export class Viewer {
  @Field(() => OrganisationKindEnum, { description: 'Kind of organisation.' })
  organisationKind!: OrganisationKindEnum;

  @Field(() => String, { description: 'UZOVI code, AGB code, or "operator".' })
  organisationCode!: string;

  @Field(() => Role, { description: 'The role of the credential.' })
  role!: Role;

  @Field(() => String, { description: 'Token prefix or JWT subject.' })
  subject!: string;

  @Field(() => Int, { description: 'Query-cost points this credential may spend per minute.' })
  rateLimitPerMinute!: number;
}

@InputType('ApiTokenCreateInput', { description: 'A new API token.' })
class ApiTokenCreateInput {
  @Field(() => OrganisationKindEnum, { description: 'Kind of organisation the token acts for.' })
  organisationKind!: OrganisationKindEnum;

  @Field(() => String, { description: 'UZOVI code (insurer), AGB code (provider) or "operator".' })
  organisationCode!: string;

  @Field(() => Role, { description: 'What the token may do; must be a role of that kind of organisation.' })
  role!: Role;

  @Field(() => String, { description: 'What the token is for, e.g. "KPI dashboard".' })
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Lifetime in days; the configured default (90) when omitted.' })
  expiresInDays?: number | null;
}

@InputType('ApiTokenRevokeInput', { description: 'The token to revoke.' })
class ApiTokenRevokeInput {
  @Field(() => ID, { description: 'Global ID of the token.' })
  id!: string;
}

@InputType('ApiTokenFilter', { description: 'Narrows the list of tokens.' })
class ApiTokenFilter {
  @Field(() => OrganisationKindEnum, { nullable: true, description: 'Only tokens of this kind of organisation (operator admins only).' })
  organisationKind?: OrganisationKindEnum | null;

  @Field(() => String, { nullable: true, description: 'Only tokens of the organisation with this code (operator admins only).' })
  organisationCode?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Include revoked tokens.' })
  includeRevoked?: boolean | null;
}

@InputType('AuditEventFilter', { description: 'Narrows the audit log.' })
class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Only this operation, e.g. "insurerCreate".' })
  operation?: string | null;

  @Field(() => AuditKind, { nullable: true, description: 'Only this kind of event.' })
  kind?: AuditKind | null;

  @Field(() => AuditOutcome, { nullable: true, description: 'Only this outcome.' })
  outcome?: AuditOutcome | null;

  @Field(() => ID, { nullable: true, description: 'Only events involving this object (global ID).' })
  objectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events at or after this instant.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events before this instant.' })
  until?: Date | null;
}

@ObjectType('ApiTokenCreatePayload', { description: 'Result of creating a token.' })
class ApiTokenCreatePayload {
  @Field(() => ApiToken, { nullable: true, description: 'The token as saved; null when userErrors is not empty.' })
  apiToken!: ApiToken | null;

  @Field(() => String, { nullable: true, description: 'The secret to send as "Authorization: Bearer <secret>". Shown only now; store it safely.' })
  secret!: string | null;

  @Field(() => [AuthUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof AuthUserError>[];
}

@ObjectType('ApiTokenRevokePayload', { description: 'Result of revoking a token.' })
class ApiTokenRevokePayload {
  @Field(() => ApiToken, { nullable: true, description: 'The revoked token; null when userErrors is not empty.' })
  apiToken!: ApiToken | null;

  @Field(() => [AuthUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof AuthUserError>[];
}

@Resolver(() => ApiToken)
export class AuthResolver {
  @Query(() => Viewer, { description: describeOperation('Who the current credential acts for.', 'reference.read') })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const p = ctx.principal;
    return {
      organisationKind: p.organisationKind as OrganisationKindEnum,
      organisationCode: p.organisationCode,
      role: p.role as Role,
      subject: p.subject,
      rateLimitPerMinute: ctx.config.auth.rateLimits[p.role] ?? 0,
    };
  }

  @Query(() => ApiTokenConnection, {
    description: describeOperation("API tokens, newest first, without revoked ones unless asked.", 'token.manage'),
  })
  async apiTokens(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => ApiTokenFilter, { nullable: true, description: 'Conditions the tokens must meet.' }) filter: ApiTokenFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await tokens.listTokens(ctx, filter, page));
  }

  @Query(() => AuditEventConnection, {
    description: describeOperation('The audit log, newest first.', 'audit.read'),
  })
  async auditEvents(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: AuditEventFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await audit.listAuditEvents(ctx, filter, page));
  }

  @FieldResolver(() => Insurer, { nullable: true, description: 'The insurer the token acts for, when it is an insurer token.' })
  insurer(@Root() token: ApiToken) {
    return token.insurer ? token.insurer.load() : null;
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'The provider the token acts for, when it is a provider token.' })
  provider(@Root() token: ApiToken) {
    return token.provider ? token.provider.load() : null;
  }

  @Mutation(() => ApiTokenCreatePayload, {
    description: describeOperation('Creates an API token and returns its secret once.', 'token.manage'),
  })
  async apiTokenCreate(@Arg('input', () => ApiTokenCreateInput, { description: 'The new token.' }) input: ApiTokenCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await tokens.createToken(ctx, input);
    return { apiToken: result?.token ?? null, secret: result?.secret ?? null, userErrors };
  }

  @Mutation(() => ApiTokenRevokePayload, {
    description: describeOperation('Revokes an API token at once.', 'token.manage'),
  })
  async apiTokenRevoke(@Arg('input', () => ApiTokenRevokeInput, { description: 'The token.' }) input: ApiTokenRevokeInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await tokens.revokeToken(ctx, { id: input.id });
    return { apiToken: result, userErrors };
  }
}
