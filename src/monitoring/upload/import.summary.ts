import { Field, Int, ObjectType } from 'type-graphql';
import { ZnProblem, ZnProblemCode } from '../zn';
import { FileFormat, ImportOutcome, ProblemSeverity, ZnErrorPolicy } from '../monitoring.enums';
import { BulkErrorPolicy } from '../../shared/bulk-error-policy';

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

@ObjectType('ZnProblem', { description: 'One problem found in a ZN file: where it is, a stable code, how severe, and what to do.' })
export class ZnProblemType {
  @Field(() => Int, { nullable: true, description: 'Row number, 1-based, counting the header as row 1; null for a problem of the whole file.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The ZN column (canonical name, or the unknown header as written); null when no single column is at fault.' })
  column!: string | null;

  @Field(() => ZnProblemCode, { description: 'Stable machine-readable code.' })
  code!: ZnProblemCode;

  @Field(() => ProblemSeverity, { description: 'ERROR rejects the row (or file); WARNING is only reported.' })
  severity!: ProblemSeverity;

  @Field(() => String, { description: 'What is wrong, for a person, naming the value and the column.' })
  message!: string;
}

@ObjectType('ZnImportSummary', { description: 'The result of a ZN import (or of a dry run: what would happen), the same for every way in.' })
export class ZnImportSummary {
  @Field(() => ImportOutcome, { description: 'How the import ended, or for a dry run how it would end.' })
  outcome!: ImportOutcome;

  @Field(() => Boolean, { description: 'True for a dry run: everything was checked, nothing was written.' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'True when this is the stored answer of an earlier import with the same Idempotency-Key and content.' })
  replayed!: boolean;

  @Field(() => ZnErrorPolicy, { description: 'The error policy applied, under its earlier type.', deprecationReason: 'Use rowErrorPolicy; removed in the next release.' })
  errorPolicy!: BulkErrorPolicy;

  @Field(() => BulkErrorPolicy, { description: 'The error policy applied.' })
  get rowErrorPolicy(): BulkErrorPolicy {
    return this.errorPolicy;
  }

  @Field(() => Boolean, { description: 'Whether created and changed submissions were submitted for review at once.' })
  submit!: boolean;

  @Field(() => String, { nullable: true, description: 'The file name the client gave.' })
  filename!: string | null;

  @Field(() => FileFormat, { nullable: true, description: 'The format the file was read as; null when it is neither.' })
  format!: FileFormat | null;

  @Field(() => Int, { description: 'Bytes received.' })
  byteSize!: number;

  @Field(() => String, { description: 'SHA-256 of the bytes received, in hex.' })
  contentSha256!: string;

  @Field(() => Int, { description: 'Data rows read (blank rows not counted).' })
  rowsRead!: number;

  @Field(() => Int, { description: 'Rows whose stay type had no figures in the current version (or whose submission is new).' })
  created!: number;

  @Field(() => Int, { description: 'Rows whose figures differ from the current version.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows whose figures equal the current version.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows not imported: rows with an error, or every row when the file is rejected.' })
  rejected!: number;

  @Field(() => Int, { description: 'Submissions (coordination function, year, period) created.' })
  submissionsCreated!: number;

  @Field(() => Int, { description: 'Submissions that got a new version.' })
  submissionsUpdated!: number;

  @Field(() => Int, { description: 'Submissions whose figures the file repeats unchanged.' })
  submissionsUnchanged!: number;

  @Field(() => Int, { description: 'Number of errors, including those not listed in problems.' })
  errorCount!: number;

  @Field(() => Int, { description: 'Number of warnings, including those not listed in problems.' })
  warningCount!: number;

  @Field(() => [ZnProblemType], { description: 'The problems in row order, at most ZN_MAX_PROBLEMS (1000) of them.' })
  problems!: ZnProblemType[];

  @Field(() => Boolean, { description: 'True when there were more problems than listed.' })
  problemsTruncated!: boolean;

  /** Database id of an earlier import of the same bytes; resolved to MonitoringImport by the resolver. */
  sameContentAsImportId!: number | null;

  /** Database id of the stored import; null for a dry run or a rejected file. */
  importId!: number | null;
}

export function toSummary(stored: StoredSummary, importId: number | null, replayed: boolean): ZnImportSummary {
  return Object.assign(new ZnImportSummary(), stored, { replayed, importId }) as ZnImportSummary;
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
