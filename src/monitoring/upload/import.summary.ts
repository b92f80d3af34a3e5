import type { ZnProblem } from '../zn';
import type { FileFormat, ImportOutcome } from '../monitoring.enums';
import type { BulkErrorPolicy } from '../../shared/bulk-error-policy';

/** What an import reports, as stored with the import (and replayed for a repeated Idempotency-Key). */
export interface StoredSummary {
  outcome: ImportOutcome;
  dryRun: boolean;
  errorPolicy: BulkErrorPolicy;
  submit: boolean;
  filename: string | null;
  format: FileFormat | null;
  byteSize: number;
  contentSha256: string;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  submissionsCreated: number;
  submissionsUpdated: number;
  submissionsUnchanged: number;
  errorCount: number;
  warningCount: number;
  problems: ZnProblem[];
  problemsTruncated: boolean;
  /** Database id of an earlier import (by the same organisation) of a file with the same bytes. */
  sameContentAsImportId: number | null;
}

/** An import's summary as reported: the stored summary, whether it is a replay, and the stored import. */
export interface ZnImportSummary extends StoredSummary {
  /** True when this is the stored answer of an earlier import with the same Idempotency-Key and content. */
  replayed: boolean;
  /** Database id of the stored import; null for a dry run or a rejected file. */
  importId: number | null;
}

export function toSummary(stored: StoredSummary, importId: number | null, replayed: boolean): ZnImportSummary {
  return { ...stored, replayed, importId };
}

/**
 * Collects problems while a file streams through: all are counted, the first `max` are kept, so that a file
 * of 200,000 bad rows cannot fill the memory with messages.
 */
export class ProblemCollector {
  readonly kept: ZnProblem[] = [];
  errorCount = 0;
  warningCount = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  add(problem: ZnProblem): void {
    if (problem.severity === 'ERROR') this.errorCount++;
    else this.warningCount++;
    if (this.kept.length < this.max) this.kept.push(problem);
    else this.truncated = true;
  }

  addAll(problems: readonly ZnProblem[]): void {
    for (const problem of problems) this.add(problem);
  }

  /** Adds `total` problems of which only `listed` were fetched (the database side fetches at most what fits). */
  addCounted(listed: readonly ZnProblem[], total: number, severity: 'ERROR' | 'WARNING'): void {
    for (const problem of listed) this.add(problem);
    const unlisted = total - listed.length;
    if (unlisted > 0) {
      if (severity === 'ERROR') this.errorCount += unlisted;
      else this.warningCount += unlisted;
      this.truncated = true;
    }
  }

  get room(): number {
    return Math.max(0, this.max - this.kept.length);
  }

  /** File problems first, then by row (a stable sort keeps a row's problems in the order found). */
  sorted(): ZnProblem[] {
    return [...this.kept].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}
