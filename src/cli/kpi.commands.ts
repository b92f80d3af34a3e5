import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { exportMeasureReports } from '../kpi/fhir/kpi-export.service';
import { CliError, CliIo, CommandSpec } from './commands';
import { withCliContext } from './context';
import { AGB } from '../shared/validation';

const USAGE = 'usage: kpi export --provider <AGB> --year <YYYY> [--kpi CODE] [--insurer UZOVI] [--out FILE]';

/**
 * Writes a provider's KPI results of a year as a FHIR R4 Bundle of MeasureReports, through the same service as
 * the kpiMeasureReports query; to stdout unless --out names a file.
 */
async function exportReports(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { provider: { type: 'string' }, year: { type: 'string' }, kpi: { type: 'string' }, insurer: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.provider || !AGB.test(values.provider)) throw new CliError(`--provider must be an 8-digit AGB code. ${USAGE}`);
  if (!values.year || !/^\d{4}$/.test(values.year)) throw new CliError(`--year must be a year such as 2024. ${USAGE}`);
  await withCliContext(db, config, async (ctx) => {
    const result = await exportMeasureReports(ctx, {
      providerAgb: values.provider!,
      year: Number(values.year),
      kpiCode: values.kpi ?? null,
      insurerUzovi: values.insurer ?? null,
    });
    const json = `${JSON.stringify(result.bundle, null, 2)}\n`;
    for (const line of result.skipped) io.err(`skipped ${line}`);
    if (values.out) {
      const target = path.resolve(values.out);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, json);
      io.out(`wrote ${result.bundle.entry.length} MeasureReports of ${values.provider} for ${values.year} to ${values.out}`);
    } else {
      io.out(json.trimEnd());
    }
    if (result.bundle.entry.length === 0) io.err(`no KPI figures of ${values.provider} in ${values.year}`);
  });
}

export const KPI_COMMANDS: Record<string, CommandSpec<Database>> = {
  'kpi export': { summary: 'Write FHIR R4 MeasureReports: --provider <AGB> --year <YYYY> [--kpi CODE] [--insurer UZOVI] [--out FILE]', run: exportReports },
};
