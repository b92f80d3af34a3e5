import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PassThrough } from 'node:stream';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { SYSTEM_PRINCIPAL, Principal } from '../auth/principal';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { Insurer } from '../insurer/insurer.entity';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { importZnFile } from '../monitoring/upload/import.pipeline';
import type { ZnImportSummary } from '../monitoring/upload/import.summary';
import { FileFormat, ImportChannel, ImportOutcome, SubmissionStatus, ZnErrorPolicy } from '../monitoring/monitoring.enums';
import { BulkErrorPolicy } from '../shared/bulk-error-policy';
import { exportFilename, writeExport } from '../monitoring/export/export.service';
import { CliError, CliIo, CommandSpec } from './commands';
import { withCliContext } from './context';
import { printTable } from './table';
import { AGB, UZOVI } from '../shared/validation';
import { MonitoringPeriod } from '../monitoring/zn';

/**
 * Who a monitoring command acts as. Without --as it is the platform operator (shell access to the deployment
 * makes one): an export sees everything, and an upload may load figures for any coordination function.
 * With --as <AGB> it acts as that coordination function, with --as <UZOVI> as that insurer (member): the
 * same rules as a token of that organisation, so an operator can check what an organisation sees.
 */
async function principalFor(db: Database, as: string | undefined): Promise<Principal> {
  const subject = `cli:${process.env.USER ?? 'unknown'}`;
  if (!as) return { ...SYSTEM_PRINCIPAL, subject };
  const em = db.orm.em.fork();
  if (AGB.test(as)) {
    const provider = await em.findOne(Provider, { agb: as });
    if (!provider) throw new CliError(`--as ${as}: no provider has this AGB code`);
    if (provider.kind !== ProviderKind.COORDINATION_FUNCTION) throw new CliError(`--as ${as}: ${provider.name} is not a coordination function`);
    return { organisationKind: 'PROVIDER', organisationCode: as, providerId: provider.id, insurerId: null, role: 'PROVIDER_SUBMITTER', subject: `${subject} as ${as}`, credential: 'SYSTEM', credentialId: subject };
  }
  if (UZOVI.test(as)) {
    const insurer = await em.findOne(Insurer, { uzovi: as });
    if (!insurer) throw new CliError(`--as ${as}: no insurer has this UZOVI code`);
    return { organisationKind: 'INSURER', organisationCode: as, providerId: null, insurerId: insurer.id, role: 'INSURER_MEMBER', subject: `${subject} as ${as}`, credential: 'SYSTEM', credentialId: subject };
  }
  throw new CliError(`--as must be an 8-digit AGB code (a coordination function) or a 4-digit UZOVI code (an insurer); got "${as}"`);
}

/** The --policy spellings: BulkErrorPolicy's, and for one release the earlier reject-everything. */
const POLICIES: Readonly<Record<string, BulkErrorPolicy>> = {
  ...BulkErrorPolicy,
  ...ZnErrorPolicy,
};

function policyOf(value: string | undefined): BulkErrorPolicy {
  const policy = POLICIES[(value ?? 'all-or-nothing').toUpperCase().replace(/-/g, '_')];
  if (!policy) throw new CliError('--policy must be all-or-nothing or reject-failed-rows');
  return policy;
}

function formatOf(value: string | undefined): FileFormat | null {
  if (value === undefined) return null;
  const format = value.toUpperCase();
  if (format !== 'CSV' && format !== 'XLSX') throw new CliError('--format must be csv or xlsx');
  return format as FileFormat;
}

/** A progress bar on a terminal; on anything else (a pipe, a log) only the closing line. */
export class ProgressBar {
  private lastDrawn = 0;

  constructor(
    private readonly total: number,
    private readonly stream: { isTTY?: boolean; write: (text: string) => unknown },
    private readonly width = 30,
  ) {}

  update(bytes: number, rows: number, force = false): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (!force && now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    const share = this.total > 0 ? Math.min(1, bytes / this.total) : 1;
    const filled = Math.round(share * this.width);
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${rows.toLocaleString('en')} rows`);
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

const MAX_PRINTED_PROBLEMS = 50;

/** The import summary as two tables: the counts, then the problems. */
export function printSummary(io: CliIo, summary: ZnImportSummary): void {
  printTable(io, ['outcome', 'rows read', 'created', 'updated', 'unchanged', 'rejected', 'errors', 'warnings'], [
    [
      `${summary.outcome}${summary.dryRun ? ' (dry run)' : ''}${summary.replayed ? ' (replayed)' : ''}`,
      summary.rowsRead,
      summary.created,
      summary.updated,
      summary.unchanged,
      summary.rejected,
      summary.errorCount,
      summary.warningCount,
    ],
  ]);
  if (summary.problems.length === 0) return;
  io.out('');
  const shown = summary.problems.slice(0, MAX_PRINTED_PROBLEMS);
  printTable(
    io,
    ['row', 'column', 'code', 'severity', 'message'],
    shown.map((p) => [p.row ?? '-', p.column ?? '-', p.code, p.severity, p.message]),
  );
  const more = summary.errorCount + summary.warningCount - shown.length;
  if (more > 0) io.out(`(${more} more problems not shown)`);
}

async function upload(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      policy: { type: 'string' },
      as: { type: 'string' },
      submit: { type: 'boolean' },
      format: { type: 'string' },
      'idempotency-key': { type: 'string' },
    },
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new CliError('usage: zn upload FILE [--dry-run] [--policy reject-failed-rows] [--as AGB] [--submit] [--format csv|xlsx] [--idempotency-key KEY]');
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const principal = await principalFor(db, values.as);
  const started = Date.now();
  const bar = new ProgressBar(size, process.stderr);
  const outcome = await withCliContext(db, config, async (ctx) => {
    const result = await importZnFile(
      ctx,
      { input: fs.createReadStream(file), filename: path.basename(file), format: formatOf(values.format), channel: ImportChannel.CLI },
      {
        dryRun: values['dry-run'] ?? false,
        errorPolicy: policyOf(values.policy),
        submit: values.submit ?? false,
        idempotencyKey: values['idempotency-key'] ?? null,
        onProgress: ({ bytes, rows }) => bar.update(bytes, rows),
      },
    );
    ctx.audit({
      kind: AuditKind.CLI,
      operation: 'zn upload',
      objectIds: result.result?.record ? [result.result.record.globalId] : [],
      outcome: result.result && result.result.summary.outcome !== ImportOutcome.REJECTED ? AuditOutcome.SUCCESS : AuditOutcome.REJECTED,
      ownerProviderIds: principal.providerId !== null ? [principal.providerId] : [],
    });
    return result;
  }, principal);
  bar.finish();
  if (!outcome.result) throw new CliError(outcome.userErrors.map((e) => e.message).join(' '));
  const summary = outcome.result.summary;
  io.err(`read ${summary.rowsRead} rows (${summary.byteSize} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(io, summary);
  if (summary.outcome === ImportOutcome.REJECTED) throw new CliError(summary.dryRun ? 'the file would be rejected; nothing was written' : 'the file was rejected; nothing was written');
  if (summary.rejected > 0) throw new CliError(`${summary.rejected} rows were rejected${summary.dryRun ? ' (dry run)' : ''}`);
}

function periodOf(value: string | undefined): MonitoringPeriod | null {
  if (value === undefined) return null;
  const period = value.toUpperCase();
  if (!(Object.values(MonitoringPeriod) as string[]).includes(period)) throw new CliError('--period must be JAAR, H1 or H2');
  return period as MonitoringPeriod;
}

function statusesOf(value: string | undefined): SubmissionStatus[] | null {
  if (value === undefined) return null;
  const list = value.split(',').map((s) => s.trim().toUpperCase());
  for (const status of list) {
    if (!(Object.values(SubmissionStatus) as string[]).includes(status)) throw new CliError(`--status takes ${Object.values(SubmissionStatus).join(', ')}`);
  }
  return list as SubmissionStatus[];
}

async function exportCommand(args: string[], io: CliIo, db: Database, config: Config): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      year: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      as: { type: 'string' },
      period: { type: 'string' },
      agb: { type: 'string' },
      status: { type: 'string' },
    },
    strict: true,
  });
  if (!values.year || !/^\d{4}$/.test(values.year)) {
    throw new CliError('usage: zn export --year YYYY [--format csv|xlsx] [--out FILE] [--period JAAR|H1|H2] [--agb AGB] [--status ACCEPTED,...] [--as AGB|UZOVI]');
  }
  const format = formatOf(values.format) ?? FileFormat.CSV;
  const filter = { year: Number(values.year), period: periodOf(values.period), coordinationFunctionAgb: values.agb ?? null, status: statusesOf(values.status) };
  const principal = await principalFor(db, values.as);
  const target = values.out ?? null;
  // Standard output must stay open for the rest of the process: the export ends a pass-through instead.
  const out = target ? fs.createWriteStream(target) : new PassThrough();
  if (!target) out.pipe(process.stdout, { end: false });
  const rows = await withCliContext(db, config, (ctx) => writeExport(ctx, filter, format, out), principal);
  io.err(`exported ${rows} rows${target ? ` to ${target}` : ''} (${target ? path.basename(target) : exportFilename(filter, format)})`);
}

export const MONITORING_COMMANDS: Record<string, CommandSpec<Database>> = {
  'zn upload': {
    summary: 'Import a ZN monitoring file: FILE [--dry-run] [--policy reject-failed-rows] [--as AGB] [--submit] [--format csv|xlsx] [--idempotency-key KEY]',
    run: upload,
  },
  'zn export': {
    summary: 'Export monitoring figures in the ZN layout: --year YYYY [--format csv|xlsx] [--out FILE] [--period P] [--agb AGB] [--status S] [--as AGB|UZOVI]',
    run: exportCommand,
  },
};
