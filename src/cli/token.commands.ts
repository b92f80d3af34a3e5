import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { createToken, listTokens, revokeToken, tokenOwners } from '../auth/token.service';
import { OrganisationKindEnum } from '../auth/api-token.entity';
import { Role } from '../auth/roles';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { CliError, CliIo, CommandSpec } from './commands';
import { withCliContext } from './context';
import { printTable } from './table';
import { AGB, UZOVI } from '../shared/validation';

function organisationOf(code: string): { kind: OrganisationKindEnum; code: string } {
  if (code === 'operator') return { kind: OrganisationKindEnum.OPERATOR, code };
  if (UZOVI.test(code)) return { kind: OrganisationKindEnum.INSURER, code };
  if (AGB.test(code)) return { kind: OrganisationKindEnum.PROVIDER, code };
  throw new CliError(`--org must be "operator", a 4-digit UZOVI code or an 8-digit AGB code; got "${code}"`);
}

function roleOf(value: string | undefined): Role {
  const role = (value ?? '').toUpperCase().replace(/-/g, '_');
  if (!(Object.values(Role) as string[]).includes(role)) throw new CliError(`--role must be one of ${Object.values(Role).join(', ')}`);
  return role as Role;
}

async function create(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' }, days: { type: 'string' } },
    strict: true,
  });
  if (!values.org) throw new CliError('usage: token create --org <operator|UZOVI|AGB> --role <role> [--label TEXT] [--days N]');
  const org = organisationOf(values.org);
  if (values.days !== undefined && !/^\d{1,4}$/.test(values.days)) throw new CliError(`--days must be a whole number of days such as 30; got "${values.days}"`);
  const days = values.days === undefined ? null : Number(values.days);
  await withCliContext(db, config, async (ctx) => {
    const { result, userErrors } = await createToken(ctx, {
      organisationKind: org.kind,
      organisationCode: org.code,
      role: roleOf(values.role),
      label: values.label ?? 'created with the CLI',
      expiresInDays: days,
    });
    ctx.audit({
      kind: AuditKind.CLI,
      operation: 'token create',
      objectIds: result ? [result.token.globalId] : [],
      outcome: result ? AuditOutcome.SUCCESS : AuditOutcome.REJECTED,
      ...(result ? tokenOwners(result.token) : {}),
    });
    if (!result) throw new CliError(userErrors.map((e) => e.message).join(' '));
    io.out(`created ${result.token.prefix} (${result.token.role} for ${org.code}), expires ${result.token.expiresAt.toISOString()}`);
    io.out('secret (shown once, store it safely):');
    io.out(result.secret);
  });
}

async function list(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, all: { type: 'boolean' } }, strict: true });
  await withCliContext(db, config, async (ctx) => {
    const page = await listTokens(ctx, { organisationCode: values.org ?? null, includeRevoked: values.all ?? false }, { first: 100 });
    const rows = await Promise.all(
      page.items.map(async (t) => [
        t.prefix,
        t.organisationKind === OrganisationKindEnum.OPERATOR ? 'operator' : t.insurer ? (await t.insurer.load())!.uzovi : (await t.provider!.load())!.agb,
        t.role,
        t.label,
        t.expiresAt.toISOString().slice(0, 16),
        t.lastUsedAt ? t.lastUsedAt.toISOString().slice(0, 16) : '-',
        t.revokedAt ? 'revoked' : 'active',
      ]),
    );
    printTable(io, ['prefix', 'organisation', 'role', 'label', 'expires', 'last used', 'state'], rows);
    if (page.hasNextPage) io.out('(first 100 shown)');
  });
}

async function revoke(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const prefix = args[0];
  if (!prefix) throw new CliError('usage: token revoke <prefix>, e.g. token revoke zix_AbC123xy');
  await withCliContext(db, config, async (ctx) => {
    const { result, userErrors } = await revokeToken(ctx, { prefix });
    ctx.audit({
      kind: AuditKind.CLI,
      operation: 'token revoke',
      objectIds: result ? [result.globalId] : [],
      outcome: result ? AuditOutcome.SUCCESS : AuditOutcome.REJECTED,
      ...(result ? tokenOwners(result) : {}),
    });
    if (!result) throw new CliError(userErrors.map((e) => e.message).join(' '));
    io.out(`revoked ${result.prefix}`);
  });
}

export const TOKEN_COMMANDS: Record<string, CommandSpec<Database>> = {
  'token create': { summary: 'Create an API token: --org <operator|UZOVI|AGB> --role <role> [--label TEXT] [--days N]', run: create },
  'token list': { summary: 'List API tokens: [--org CODE] [--all]', run: list },
  'token revoke': { summary: 'Revoke an API token: <prefix>', run: revoke },
};
