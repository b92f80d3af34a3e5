import { PassThrough, Writable } from 'node:stream';
import type { RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { pgArray } from '../../db/pg-array';
import { isPlausibleYear } from '../../shared/validation';
import { AuditKind, AuditOutcome } from '../../auth/audit-event.entity';
import { encodeGlobalId } from '../../core/global-id';
import { MonitoringPeriod, ZnWritableRow, writeZnCsv, writeZnXlsx } from '../zn';
import { FileFormat, SubmissionStatus } from '../monitoring.enums';
import { parseFigures } from '../submission/figures';
import { readableScope, scopeSql } from '../monitoring.access';

export interface ExportFilter {
  year: number;
  period?: MonitoringPeriod | null;
  coordinationFunctionAgb?: string | null;
  status?: SubmissionStatus[] | null;
}

/** Submissions read per statement while exporting: memory stays bounded however large the export. */
const PAGE = 500;

/**
 * The current figures the principal may read, as ZN rows in the order of the layout: by AGB code, period and
 * stay type. Reads the submissions page by page (keyset), and logs every page as a read.
 */
export async function* exportRows(ctx: RequestContext, filter: ExportFilter): AsyncGenerator<ZnWritableRow> {
  if (!isPlausibleYear(filter.year)) throw badInput(`year must be between 2000 and 2100; got ${filter.year}.`, { argument: 'year' });
  const scope = scopeSql(await readableScope(ctx, filter.year), 's');
  let after: [string, string, number] = ['', '', 0];
  for (;;) {
    const rows = await ctx.em.execute<{ id: number; provider_id: number; agb: string; period: MonitoringPeriod; figures: string }[]>(
      `select s.id, s.provider_id, p.agb, s.period, s.figures
         from monitoring_submission s
         join provider p on p.id = s.provider_id
        where s.year = ? and ${scope.sql}
          and (?::monitoring_period is null or s.period = ?::monitoring_period)
          and (?::text is null or p.agb = ?::text)
          and (?::text[] is null or s.status::text = any(?::text[]))
          and (p.agb, s.period::text, s.id) > (?, ?, ?)
        order by p.agb, s.period::text, s.id
        limit ?`,
      [
        filter.year,
        ...scope.params,
        filter.period ?? null,
        filter.period ?? null,
        filter.coordinationFunctionAgb ?? null,
        filter.coordinationFunctionAgb ?? null,
        filter.status?.length ? pgArray(filter.status) : null,
        filter.status?.length ? pgArray(filter.status) : null,
        ...after,
        PAGE,
      ],
    );
    if (rows.length === 0) return;
    ctx.audit({
      kind: AuditKind.READ,
      operation: 'monitoringExport',
      objectIds: rows.map((r) => encodeGlobalId('MonitoringSubmission', r.id)),
      outcome: AuditOutcome.SUCCESS,
      ownerProviderIds: rows.map((r) => Number(r.provider_id)),
    });
    for (const row of rows) {
      for (const figures of parseFigures(row.figures)) yield { agbCode: row.agb, year: filter.year, period: row.period, ...figures };
    }
    const last = rows[rows.length - 1]!;
    after = [last.agb, last.period, last.id];
    if (rows.length < PAGE) return;
  }
}

/** Writes the export to `out` (and ends it) in the ZN layout, so that it uploads again unchanged. */
export async function writeExport(ctx: RequestContext, filter: ExportFilter, format: FileFormat, out: Writable): Promise<number> {
  let count = 0;
  async function* counted() {
    for await (const row of exportRows(ctx, filter)) {
      count++;
      yield row;
    }
  }
  await (format === FileFormat.XLSX ? writeZnXlsx(counted(), out) : writeZnCsv(counted(), out));
  return count;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  rowCount: number;
  content: Buffer;
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function exportFilename(filter: ExportFilter, format: FileFormat): string {
  const parts = ['zn-monitoring', String(filter.year), filter.period ?? null, filter.coordinationFunctionAgb ?? null].filter(Boolean);
  return `${parts.join('-')}.${format.toLowerCase()}`;
}

/**
 * The export as one buffer, for GraphQL. Bounded by the row limit of an upload (ZN_MAX_ROWS): what could
 * not be uploaded again is refused rather than built.
 */
export async function exportFile(ctx: RequestContext, filter: ExportFilter, format: FileFormat): Promise<ExportFile> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const limit = ctx.config.monitoring.maxRows;
  let count = 0;
  async function* limited() {
    for await (const row of exportRows(ctx, filter)) {
      if (++count > limit) throw badInput(`The export has more than ${limit} rows; narrow it by period or coordination function, or use the CLI.`);
      yield row;
    }
  }
  await (format === FileFormat.XLSX ? writeZnXlsx(limited(), sink) : writeZnCsv(limited(), sink));
  return { filename: exportFilename(filter, format), contentType: CONTENT_TYPES[format], rowCount: count, content: Buffer.concat(chunks) };
}
