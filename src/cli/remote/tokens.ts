import { CliFailure, endpointFrom, EXIT, ExchangeClient, usageError, UserErrorShape } from './client';
import { RemoteCommand, requiredString, table, wholeNumber } from './args';

const TOKEN_FIELDS = 'id prefix organisationKind insurer { uzovi } provider { agb } role label expiresAt lastUsedAt revokedAt';

interface TokenRow {
  id: string;
  prefix: string;
  organisationKind: string;
  insurer: { uzovi: string } | null;
  provider: { agb: string } | null;
  role: string;
  label: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const organisationOf = (t: TokenRow) => t.insurer?.uzovi ?? t.provider?.agb ?? 'operator';
const day = (instant: string | null) => instant?.slice(0, 10) ?? null;

/** The kind of organisation a code names: 4 digits an insurer (UZOVI), 8 a provider (AGB), or "operator". */
function organisationKindOf(code: string): 'INSURER' | 'PROVIDER' | 'OPERATOR' {
  if (code === 'operator') return 'OPERATOR';
  if (/^\d{4}$/.test(code)) return 'INSURER';
  if (/^\d{8}$/.test(code)) return 'PROVIDER';
  throw usageError(`--org must be a 4-digit UZOVI code, an 8-digit AGB code or "operator"; got "${code}"`);
}

const create: RemoteCommand = {
  summary: 'Create an API token; its secret is shown once. Organisation admins for their own organisation, operator admins for any.',
  options: {
    org: { type: 'string', help: '<code>  UZOVI (insurer), AGB (provider) or "operator"' },
    role: { type: 'string', help: '<role>  e.g. INSURER_MEMBER, PROVIDER_SUBMITTER, DASHBOARD' },
    label: { type: 'string', help: '<text>  what the token is for' },
    days: { type: 'string', help: '<n>  days until it expires (the server default when omitted)' },
  },
  run: async ({ values }, out, env) => {
    const expiresInDays = wholeNumber(values, 'days', 'a number of days', 1, 3650);
    const org = requiredString(values, 'org', 'a UZOVI code, an AGB code or "operator"');
    const input = {
      organisationKind: organisationKindOf(org),
      organisationCode: org,
      role: requiredString(values, 'role', 'e.g. INSURER_MEMBER').toUpperCase(),
      label: requiredString(values, 'label', 'what the token is for'),
      expiresInDays,
    };
    const client = new ExchangeClient(endpointFrom(env));
    const payload = await client.mutate<{ secret: string; apiToken: TokenRow; userErrors: UserErrorShape[] }>(
      `mutation($input: ApiTokenCreateInput!) { apiTokenCreate(input: $input) { secret apiToken { ${TOKEN_FIELDS} } userErrors { field code message } } }`,
      { input },
      'apiTokenCreate',
    );
    if (out.json) return out.out(JSON.stringify({ secret: payload.secret, token: payload.apiToken }));
    out.out(`secret (shown once; send as "Authorization: Bearer <secret>"):\n${payload.secret}\n`);
    printTokens(out, [payload.apiToken]);
  },
};

function printTokens(out: Parameters<RemoteCommand['run']>[1], tokens: TokenRow[]): void {
  table(
    out,
    ['prefix', 'organisation', 'role', 'label', 'expires', 'last used', 'revoked'],
    tokens.map((t) => [t.prefix, organisationOf(t), t.role, t.label, day(t.expiresAt), day(t.lastUsedAt), day(t.revokedAt)]),
  );
}

/** Every token the caller may list (all pages). */
async function allTokens(client: ExchangeClient, filter: Record<string, unknown>): Promise<TokenRow[]> {
  const tokens: TokenRow[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { apiTokens: { nodes: TokenRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await client.request(
      `query($filter: ApiTokenFilter, $after: String) { apiTokens(filter: $filter, first: 100, after: $after) { nodes { ${TOKEN_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
      { filter, after },
    );
    tokens.push(...data.apiTokens.nodes);
    if (!data.apiTokens.pageInfo.hasNextPage) return tokens;
    after = data.apiTokens.pageInfo.endCursor;
  }
}

const list: RemoteCommand = {
  summary: 'List the API tokens you may see (your organisation\'s, or all for an operator admin), newest first.',
  options: {
    org: { type: 'string', help: '<code>  only this organisation (UZOVI, AGB or "operator")' },
    'include-revoked': { type: 'boolean', help: 'list revoked tokens too' },
  },
  run: async ({ values }, out, env) => {
    const org = typeof values.org === 'string' ? values.org.trim() : null;
    const filter = { includeRevoked: values['include-revoked'] === true, ...(org ? { organisationCode: org, organisationKind: organisationKindOf(org) } : {}) };
    const tokens = await allTokens(new ExchangeClient(endpointFrom(env)), filter);
    if (out.json) return out.out(JSON.stringify({ tokens }));
    if (tokens.length === 0) return out.out('no tokens');
    printTokens(out, tokens);
  },
};

const revoke: RemoteCommand = {
  positionals: '<prefix>',
  summary: 'Revoke an API token by its prefix (zix_XXXXXXXX) or its global id; it stops working at once.',
  options: {},
  run: async ({ positionals }, out, env) => {
    const [which, ...extra] = positionals;
    if (!which || extra.length > 0) throw usageError('give exactly one token prefix (zix_XXXXXXXX) or id');
    const client = new ExchangeClient(endpointFrom(env));
    let id = which;
    if (/^zix_[A-Za-z0-9]{8}$/.test(which)) {
      const found = (await allTokens(client, { includeRevoked: true })).find((t) => t.prefix === which);
      if (!found) throw new CliFailure(`no token you may see has the prefix ${which}`, EXIT.FAILED, 'NOT_FOUND');
      id = found.id;
    }
    const payload = await client.mutate<{ apiToken: TokenRow; userErrors: UserErrorShape[] }>(
      `mutation($input: ApiTokenRevokeInput!) { apiTokenRevoke(input: $input) { apiToken { ${TOKEN_FIELDS} } userErrors { field code message } } }`,
      { input: { id } },
      'apiTokenRevoke',
    );
    if (out.json) return out.out(JSON.stringify({ token: payload.apiToken }));
    out.out(`revoked ${payload.apiToken.prefix} (${organisationOf(payload.apiToken)}, ${payload.apiToken.role})`);
  },
};

export const TOKEN_COMMANDS: Record<string, RemoteCommand> = { 'token create': create, 'token list': list, 'token revoke': revoke };
