import { createHash } from 'node:crypto';
import { importRows } from '../../observability/metrics';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { MutationOutcome } from '../../core/mutation';
import { UserErrorFailure, fail } from '../../core/problems';
import { can, forbidden } from '../../auth/access-policy';
import { transactionalWithAudit } from '../../auth/audit-transaction';
import { readZn, ZnFileError, ZnInput, ZnProblem, ZnProblemCode, ZnRow } from '../zn';
import { FileFormat, ImportChannel, ImportOutcome } from '../monitoring.enums';
import { BulkErrorPolicy } from '../../shared/bulk-error-policy';
import { MonitoringErrorCode as Code } from '../monitoring.errors';
import { MonitoringImport } from './import.entity';
import { Provider, ProviderKind } from '../../provider/provider.entity';
import { ProblemCollector, StoredSummary, ZnImportSummary, toSummary } from './import.summary';
import * as sql from './import.sql';
import { OUTLIER_FIGURES, Outlier, StreamedYearOverYear } from './year-over-year';

/** What an import needs of a request: its entity manager, who uploads, and the monitoring settings. */
export type ImportContext = Pick<RequestContext, 'em' | 'principal'> &
  Partial<Pick<RequestContext, 'requestId' | 'mutation'>> & { config: Pick<RequestContext['config'], 'monitoring'> };

export interface ImportFile {
  /** The bytes of the file, streamed. */
  input: ZnInput;
  filename: string | null;
  /** The format the client declares; else the file name's extension decides, else the first bytes. */
  format: FileFormat | null;
  channel: ImportChannel;
}

export interface ImportRequest {
  dryRun: boolean;
  errorPolicy: BulkErrorPolicy;
  submit: boolean;
  idempotencyKey: string | null;
  /** Called after every batch with the bytes and rows read so far (the CLI's progress bar). */
  onProgress?: (progress: { bytes: number; rows: number }) => void;
}

export interface ImportResult {
  summary: ZnImportSummary;
  record: MonitoringImport | null;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Hashes and counts the bytes on their way to the reader, and remembers how the file starts. */
class Tap {
  private readonly hash = createHash('sha256');
  private digested: string | null = null;
  bytes = 0;
  head: Buffer = Buffer.alloc(0);

  async *through(input: ZnInput): AsyncGenerator<Buffer> {
    for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      this.hash.update(bytes);
      if (this.head.length < ZIP_SIGNATURE.length) this.head = Buffer.concat([this.head, bytes.subarray(0, ZIP_SIGNATURE.length)]);
      this.bytes += bytes.length;
      yield bytes;
    }
  }

  /** Reads what is left (at most `maxBytes` in all), so that the hash covers the whole file. */
  async drain(input: ZnInput, maxBytes: number): Promise<void> {
    for await (const _chunk of this.through(input)) {
      if (this.bytes > maxBytes) return;
    }
  }

  /** The SHA-256 of the bytes read; asked again (a race lost to the same key answers as a replay), the same value. */
  digest(): string {
    this.digested ??= this.hash.digest('hex');
    return this.digested;
  }
}

function declaredFormat(file: ImportFile): FileFormat | null {
  if (file.format) return file.format;
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename ?? '')?.[1]?.toLowerCase();
  return extension === 'csv' ? FileFormat.CSV : extension === 'xlsx' ? FileFormat.XLSX : null;
}

/** The format the file was read as: what was declared, else what its first bytes say. */
function readFormat(declared: FileFormat | null, tap: Tap, problems: readonly ZnProblem[]): FileFormat | null {
  if (problems.some((p) => p.code === ZnProblemCode.UNSUPPORTED_FORMAT || p.code === ZnProblemCode.EMPTY_FILE)) return null;
  if (declared) return declared;
  if (tap.bytes === 0) return null;
  return tap.head.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE) ? FileFormat.XLSX : FileFormat.CSV;
}

interface FunctionInfo {
  providerId: number;
  mayReport: boolean;
}

interface Uploader {
  /** The coordination function that uploads; null for the platform itself. */
  providerId: number | null;
  /** Its AGB code, or "operator": the scope of Idempotency-Keys and of "the same file again". */
  code: string;
}

/**
 * Who uploads: a coordination function (for itself), or the platform itself (a CLI load, for any function).
 * Anyone else may report for no function at all, and is refused before a byte is read.
 */
function uploaderOf(ctx: ImportContext): Uploader {
  const p = ctx.principal;
  if (p.organisationKind === 'PROVIDER' && p.providerId !== null && can(p, 'monitoring.write', { organisationKind: 'PROVIDER', providerId: p.providerId })) {
    return { providerId: p.providerId, code: p.organisationCode };
  }
  if (can(p, 'monitoring.write', { organisationKind: 'OPERATOR' })) return { providerId: null, code: 'operator' };
  throw forbidden('monitoring.write');
}

/**
 * Whether the principal may upload a ZN file: the upload's own check (`uploaderOf`), and for a provider the fact
 * that only a coordination function's figures can be accepted (any other provider's rows are all refused). The web
 * app offers the upload only where this says so.
 */
export async function mayUpload(ctx: ImportContext): Promise<boolean> {
  let uploader: Uploader;
  try {
    uploader = uploaderOf(ctx);
  } catch {
    return false;
  }
  if (uploader.providerId === null) return true;
  const provider = await ctx.em.findOne(Provider, uploader.providerId, { fields: ['kind'] });
  return provider?.kind === ProviderKind.COORDINATION_FUNCTION;
}

/** Thrown inside the transaction to roll it back while still answering with a summary. */
class RollBack extends Error {
  constructor(readonly stored: StoredSummary) {
    super('rolled back');
  }
}

/**
 * The one import pipeline behind the GraphQL upload, the staged upload and the CLI: streams the file through
 * the ZN reader, checks the database rules, and writes every changed submission as a new version, all in one
 * transaction. A dry run, or a file rejected under the error policy, rolls the transaction back, so it writes
 * nothing; only a carried-out import is recorded (and answers a retry with the same Idempotency-Key).
 */
export async function importZnFile(ctx: ImportContext, file: ImportFile, request: ImportRequest): Promise<MutationOutcome<ImportResult>> {
  const uploader = uploaderOf(ctx);
  const key = request.idempotencyKey;
  try {
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      fail('idempotencyKey', Code.INVALID_IDEMPOTENCY_KEY, 'An Idempotency-Key has 1 to 200 printable ASCII characters and no spaces.');
    }
    const tap = new Tap();
    const settings = ctx.config.monitoring;
    if (key !== null && !request.dryRun) {
      const earlier = await ctx.em.findOne(MonitoringImport, { organisationCode: uploader.code, idempotencyKey: key });
      if (earlier) {
        await tap.drain(file.input, settings.maxUploadBytes);
        return { result: replay(earlier, tap.digest()), userErrors: [] };
      }
    }
    let stored: StoredSummary;
    let record: MonitoringImport | null = null;
    try {
      // A carried-out import commits with its mutation's audit entry; a rolled-back one wrote nothing to record.
      record = await transactionalWithAudit(ctx, ctx.em, async (em) => {
        const run = await runInTransaction(ctx, em, file, request, tap, uploader);
        stored = run.stored;
        if (run.rollBack) throw new RollBack(run.stored);
        // Dropped now rather than at commit: a caller's outer transaction (the demo seed runs two imports in one)
        // would otherwise still hold them at the next import. A rollback removes them anyway.
        await sql.dropStage(em);
        return run.record;
      });
    } catch (error) {
      if (error instanceof RollBack) stored = error.stored;
      else if (error instanceof UniqueConstraintViolationException && key !== null) {
        // Another request with the same key won the race; answer as its retry.
        const earlier = await ctx.em.fork().findOne(MonitoringImport, { organisationCode: uploader.code, idempotencyKey: key });
        if (!earlier) throw error;
        return { result: replay(earlier, tap.digest()), userErrors: [] };
      } else throw error;
    }
    if (record) importRows.inc(stored!.rowsRead);
    return { result: { summary: toSummary(stored!, record?.id ?? null, false), record }, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorFailure) return { result: null, userErrors: error.errors };
    throw error;
  }
}

function replay(earlier: MonitoringImport, contentSha256: string): ImportResult {
  if (earlier.contentSha256 !== contentSha256) {
    fail(
      'idempotencyKey',
      Code.IDEMPOTENCY_KEY_REUSED,
      `This Idempotency-Key was used on ${earlier.createdAt.toISOString()} for a file with other content; send a new key with a new file.`,
    );
  }
  return { summary: toSummary(earlier.summary, earlier.id, true), record: earlier };
}

async function runInTransaction(
  ctx: ImportContext,
  em: EntityManager,
  file: ImportFile,
  request: ImportRequest,
  tap: Tap,
  uploader: Uploader,
): Promise<{ stored: StoredSummary; record: MonitoringImport | null; rollBack: boolean }> {
  const settings = ctx.config.monitoring;
  const problems = new ProblemCollector(settings.maxProblems);
  const functions = await coordinationFunctions(ctx, em);
  const declared = declaredFormat(file);
  let rowsRead = 0;
  let rowsWithErrors = 0;
  let fileFailed = false;
  const stagedFunctions = new Set<number>();
  const yearOverYear = new StreamedYearOverYear(settings.outlierPercent, settings.maxProblems);
  const stage = await sql.openStage(em);
  try {
    const batches = readZn(tap.through(file.input), {
      format: declared === FileFormat.XLSX ? 'xlsx' : declared === FileFormat.CSV ? 'csv' : undefined,
      currentYear: new Date().getFullYear(),
      maxBytes: settings.maxUploadBytes,
      maxRows: settings.maxRows,
      batchSize: settings.batchSize,
    });
    for await (const batch of batches) {
      const errorRows = new Set<number>();
      for (const problem of batch.problems) {
        problems.add(problem);
        if (problem.severity === 'ERROR' && problem.row !== null) errorRows.add(problem.row);
      }
      rowsRead += batch.rows.length + errorRows.size;
      rowsWithErrors += errorRows.size;
      let lines = '';
      for (const row of batch.rows) {
        const info = functions.get(row.agbCode);
        const problem = reportingProblem(row, info);
        if (problem) {
          problems.add(problem);
          rowsWithErrors++;
        } else {
          yearOverYear.add(info!.providerId, row);
          lines += sql.stageLine(info!.providerId, row);
          stagedFunctions.add(info!.providerId);
        }
      }
      // PostgreSQL stores this batch while the next one is parsed.
      if (lines) await stage.write(Buffer.from(lines));
      request.onProgress?.({ bytes: tap.bytes, rows: rowsRead });
    }
    await stage.end();
  } catch (error) {
    await stage.fail('the file could not be read');
    if (!(error instanceof ZnFileError)) throw error;
    problems.addAll(error.problems);
    fileFailed = true;
  }
  request.onProgress?.({ bytes: tap.bytes, rows: rowsRead });

  const base = {
    dryRun: request.dryRun,
    errorPolicy: request.errorPolicy,
    submit: request.submit,
    filename: file.filename,
    byteSize: tap.bytes,
    contentSha256: '',
    rowsRead,
    sameContentAsImportId: null as number | null,
  };
  const finish = (outcome: ImportOutcome, counts: Omit<sql.Counts, never>, rejected: number): StoredSummary => ({
    ...base,
    contentSha256: tap.digest(),
    format: readFormat(declared, tap, problems.kept),
    outcome,
    ...counts,
    rejected,
    errorCount: problems.errorCount,
    warningCount: problems.warningCount,
    problems: problems.sorted(),
    problemsTruncated: problems.truncated,
  });
  const none = { created: 0, updated: 0, unchanged: 0, submissionsCreated: 0, submissionsUpdated: 0, submissionsUnchanged: 0 };
  if (fileFailed) return { stored: finish(ImportOutcome.REJECTED, none, rowsRead), record: null, rollBack: true };

  await sql.groupStage(em, [...stagedFunctions]);
  // Submissions the import may not write: rows that would change an accepted one, or mix JAAR and H1/H2 with
  // what is stored. Each row is an error; under REJECT_FAILED_ROWS the submission is left out.
  const blocked: [sql.Blocked, (r: sql.FlaggedRow) => ZnProblem][] = [
    [
      sql.Blocked.LOCKED,
      (r) => ({
        row: r.row,
        column: null,
        code: ZnProblemCode.SUBMISSION_LOCKED,
        severity: 'ERROR',
        message:
          `Row ${r.row}: the figures of AGB code ${r.agb} for ${r.year} ${r.period} were accepted by an insurer and are locked until ` +
          'that insurer reopens them; this row would change them.',
      }),
    ],
    [
      sql.Blocked.MIXED,
      (r) => ({
        row: r.row,
        column: 'periode',
        code: ZnProblemCode.MIXED_PERIODS,
        severity: 'ERROR',
        message:
          `Row ${r.row} reports period ${r.period} for AGB code ${r.agb} in ${r.year}, but ${r.storedPeriod} is stored for that year; ` +
          'a year is reported either as JAAR or as H1 and H2, not both.',
      }),
    ],
  ];
  const toDrop: sql.Blocked[] = [];
  for (const [condition, problemOf] of blocked) {
    const flagged = await sql.flaggedRows(em, condition, problems.room);
    problems.addCounted(flagged.rows.map(problemOf), flagged.total, 'ERROR');
    rowsWithErrors += flagged.total;
    if (flagged.total > 0) toDrop.push(condition);
  }
  const room = problems.room;
  const fromDatabase = await sql.outliers(em, settings.outlierPercent, room, yearOverYear.inOrder);
  const streamed = yearOverYear.inOrder ? yearOverYear.result() : { rows: [], total: 0 };
  problems.addCounted(
    [...streamed.rows, ...fromDatabase.rows].sort(byRowAndColumn).slice(0, room).map(outlierProblem),
    streamed.total + fromDatabase.total,
    'WARNING',
  );

  if (request.errorPolicy === BulkErrorPolicy.ALL_OR_NOTHING && problems.errorCount > 0) {
    return { stored: finish(ImportOutcome.REJECTED, none, rowsRead), record: null, rollBack: true };
  }
  for (const condition of toDrop) await sql.dropGroups(em, condition);
  const counts = await sql.countChanges(em);
  const outcome =
    counts.created + counts.updated > 0 ? ImportOutcome.APPLIED : counts.unchanged > 0 ? ImportOutcome.UNCHANGED : ImportOutcome.REJECTED;
  const stored = finish(outcome, counts, rowsWithErrors);
  if (outcome === ImportOutcome.REJECTED) return { stored, record: null, rollBack: true };

  const earlier = await em.findOne(
    MonitoringImport,
    { organisationCode: uploader.code, contentSha256: stored.contentSha256 },
    { orderBy: { id: 'desc' }, fields: ['id'] },
  );
  stored.sameContentAsImportId = earlier?.id ?? null;
  const record = em.create(MonitoringImport, {
    provider: uploader.providerId,
    organisationCode: uploader.code,
    uploadedBy: ctx.principal.subject,
    channel: file.channel,
    idempotencyKey: request.dryRun ? null : request.idempotencyKey,
    contentSha256: stored.contentSha256,
    summary: stored,
    createdAt: new Date(),
  });
  await em.flush();
  await sql.applyChanges(em, record.id, request.submit, {
    kind: ctx.principal.organisationKind,
    code: ctx.principal.organisationCode,
    subject: ctx.principal.subject,
  });
  return { stored, record, rollBack: request.dryRun };
}

/**
 * The registered coordination functions by AGB code, and whether the uploader may report for each: one
 * statement, and a map as small as the number of coordination functions.
 */
async function coordinationFunctions(ctx: ImportContext, em: EntityManager): Promise<Map<string, FunctionInfo>> {
  const rows = await em.execute<{ id: number; agb: string }[]>(`select id, agb from provider where kind = 'COORDINATION_FUNCTION'`);
  return new Map(
    rows.map((p) => [
      p.agb,
      { providerId: p.id, mayReport: can(ctx.principal, 'monitoring.write', { organisationKind: 'PROVIDER', providerId: p.id }) },
    ]),
  );
}

function reportingProblem(row: ZnRow, info: FunctionInfo | undefined): ZnProblem | null {
  if (!info) {
    return {
      row: row.row,
      column: 'agb_code',
      code: ZnProblemCode.UNKNOWN_COORDINATION_FUNCTION,
      severity: 'ERROR',
      message: `Row ${row.row}, column "agb_code": ${row.agbCode} is not the AGB code of a registered coordination function.`,
    };
  }
  if (!info.mayReport) {
    return {
      row: row.row,
      column: 'agb_code',
      code: ZnProblemCode.NOT_ALLOWED_TO_REPORT,
      severity: 'ERROR',
      message: `Row ${row.row}, column "agb_code": you may not report for the coordination function with AGB code ${row.agbCode}; a coordination function reports its own figures.`,
    };
  }
  return null;
}

const COLUMN_ORDER = new Map(OUTLIER_FIGURES.map((f, index) => [f.column, index]));
const byRowAndColumn = (a: Outlier, b: Outlier) => a.row - b.row || COLUMN_ORDER.get(a.column)! - COLUMN_ORDER.get(b.column)!;

function outlierProblem(o: Outlier): ZnProblem {
  const value = Number(o.value);
  const previous = Number(o.previous);
  const change = Math.round((Math.abs(value - previous) / previous) * 100);
  return {
    row: o.row,
    column: o.column,
    code: ZnProblemCode.OUTLIER,
    severity: 'WARNING',
    message:
      `Row ${o.row}, column "${o.column}": ${o.value} is ${change}% ${value > previous ? 'more' : 'less'} than ${o.previous} in ` +
      `${o.year - 1} for the same coordination function, period and stay type; please check the figure.`,
  };
}
