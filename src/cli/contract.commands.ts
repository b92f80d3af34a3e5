import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { RequestContext } from '../core/context';
import { Authenticator } from '../auth/authenticate';
import { RegionKind } from '../region/region.entity';
import { listAlerts } from '../contract/contract.service';
import { coverage } from '../representation/representation.service';
import { CliError, CliIo, CommandSpec } from './commands';
import { withCliContext } from './context';
import { createLogger } from '../logger';
import { printTable } from './table';

const TOKEN_VARIABLE = 'EXCHANGE_TOKEN';

/**
 * Contract figures are confidential to their parties, and the operator is not one: unlike other commands, this
 * one acts as the organisation of the API token in EXCHANGE_TOKEN, with exactly that token's rights, and its
 * reads are audited under that organisation.
 */
export async function withTokenContext<T>(db: Database, config: Config, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
  const token = process.env[TOKEN_VARIABLE];
  if (!token) throw new CliError(`set ${TOKEN_VARIABLE} to an API token of the insurer or provider whose contracts to show`);
  const principal = await new Authenticator(db.orm, config.auth, createLogger('error')).authenticate(`Bearer ${token}`);
  if (!principal) throw new CliError(`${TOKEN_VARIABLE} is not a valid, unexpired and unrevoked API token`);
  return withCliContext(db, config, work, { ...principal, subject: `cli:${principal.subject}` });
}

export function yearArg(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d{4}$/.test(value)) throw new CliError(`--year must be a year such as 2025; got "${value}"`);
  return Number(value);
}

async function alerts(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' } }, strict: true });
  const year = yearArg(values.year);
  await withTokenContext(db, config, async (ctx) => {
    if (ctx.principal.organisationKind === 'OPERATOR') throw new CliError('contract alerts needs the token of an insurer or provider');
    const page = await listAlerts(ctx, year, { first: 100 });
    const rows = await Promise.all(
      page.items.map(async ({ contract, ceilingUse }) => [
        ceilingUse.status ?? '-',
        (await contract.insurer.load())!.uzovi,
        (await contract.provider.load())!.agb,
        (await contract.segment.load())!.code,
        `${contract.termStart}..${contract.termEnd}`,
        ceilingUse.ceilingAmount ?? '-',
        ceilingUse.realisedAmount,
        `${ceilingUse.utilisationPercent ?? '-'}%`,
        ceilingUse.projectedAmount ?? '-',
      ]),
    );
    io.out(`ceiling alerts ${year ?? 'this year'} for ${ctx.principal.organisationCode}: ${rows.length === 0 ? 'none' : rows.length}`);
    if (rows.length > 0) printTable(io, ['status', 'insurer', 'provider', 'segment', 'term', 'ceiling', 'realised', 'used', 'projected'], rows);
    if (page.hasNextPage) io.out('(first 100 shown)');
  });
}

async function representationCoverage(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({ args, options: { segment: { type: 'string' }, year: { type: 'string' } }, strict: true });
  const year = yearArg(values.year);
  if (!values.segment || year === null) throw new CliError('usage: representation coverage --segment <code> --year <year>');
  await withCliContext(db, config, async (ctx) => {
    const result = await coverage(ctx, values.segment!, year, RegionKind.AMBULANCE);
    if (!result) throw new CliError(`no segment has code "${values.segment}"`);
    printTable(
      io,
      ['region', 'name', 'lead', 'second'],
      result.regions.map((r) => [r.region.code, r.region.name, r.leadInsurer?.name ?? '(none)', r.secondInsurer?.name ?? '(none)']),
    );
    io.out(`${result.coveredRegionCount} of ${result.regionCount} regions covered${result.allRegionsCovered ? ': all' : ''}`);
  });
}

export const CONTRACT_COMMANDS: Record<string, CommandSpec<Database>> = {
  'contract alerts': {
    summary: `Ceiling alerts (NEAR, THREATENED, EXCEEDED) of the insurer or provider of the API token in ${TOKEN_VARIABLE}: [--year YYYY]`,
    run: alerts,
  },
  'representation coverage': {
    summary: 'Lead and second insurer per ambulance region: --segment <code> --year <year>',
    run: representationCoverage,
  },
};
