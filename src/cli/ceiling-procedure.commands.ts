import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { isIsoDate } from '../core/parse';
import { listProcedureAlerts, listProcedures } from '../ceiling-procedure/ceiling-procedure.service';
import { answerDueOn, reportDueOn, todayIso } from '../ceiling-procedure/ceiling-procedure.rules';
import { CliError, CliIo, CommandSpec } from './commands';
import { withTokenContext, yearArg } from './contract.commands';
import { printTable } from './table';

/**
 * Ceiling procedures are confidential to the contract's insurer and provider, so, like `contract alerts`, this acts
 * as the organisation of the API token in EXCHANGE_TOKEN with exactly its rights, never as the operator.
 */
async function procedures(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, overdue: { type: 'boolean' }, 'as-of': { type: 'string' } }, strict: true });
  const year = yearArg(values.year);
  const asOf = values['as-of'] ?? todayIso();
  if (!isIsoDate(asOf)) throw new CliError(`--as-of must be a date such as 2025-10-01; got "${asOf}"`);
  await withTokenContext(db, config, async (ctx) => {
    if (ctx.principal.organisationKind === 'OPERATOR') throw new CliError('ceiling procedures needs the token of an insurer or provider');
    if (values.overdue) {
      const page = await listProcedureAlerts(ctx, year, asOf, { first: 100 });
      io.out(`late ceiling procedures ${year ?? 'this year'} on ${asOf} for ${ctx.principal.organisationCode}: ${page.items.length === 0 ? 'none' : page.items.length}`);
      const rows = await Promise.all(
        page.items.map(async ({ kind, dueOn, procedure }) => {
          const contract = await procedure.contract.loadOrFail();
          return [kind, dueOn, procedure.kind, procedure.status, (await contract.insurer.load())!.uzovi, (await contract.provider.load())!.agb, procedure.globalId];
        }),
      );
      if (rows.length > 0) printTable(io, ['alert', 'due', 'procedure', 'status', 'insurer', 'provider', 'id'], rows);
      if (page.hasNextPage) io.out('(first 100 shown)');
      return;
    }
    const page = await listProcedures(ctx, year === null ? null : { year }, { first: 100 });
    io.out(`ceiling procedures ${year ?? 'all years'} for ${ctx.principal.organisationCode}: ${page.items.length === 0 ? 'none' : page.items.length}`);
    const rows = await Promise.all(
      page.items.map(async (p) => {
        const contract = await p.contract.loadOrFail();
        return [
          String(p.year),
          p.kind,
          p.status,
          (await contract.insurer.load())!.uzovi,
          (await contract.provider.load())!.agb,
          reportDueOn(p) ?? '-',
          p.submittedOn ?? '-',
          answerDueOn(p) ?? '-',
          p.decision ?? '-',
          p.globalId,
        ];
      }),
    );
    if (rows.length > 0) printTable(io, ['year', 'procedure', 'status', 'insurer', 'provider', 'report due', 'submitted', 'answer due', 'decision', 'id'], rows);
    if (page.hasNextPage) io.out('(first 100 shown)');
  });
}

export const CEILING_PROCEDURE_COMMANDS: Record<string, CommandSpec<Database>> = {
  'ceiling procedures': {
    summary: 'Ceiling-threat procedures (seeds 003, 004) of the insurer or provider of the API token in EXCHANGE_TOKEN: [--year YYYY] [--overdue [--as-of YYYY-MM-DD]]',
    run: procedures,
  },
};
