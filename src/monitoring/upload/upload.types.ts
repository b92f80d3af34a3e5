import { Field, Int, ObjectType } from 'type-graphql';
import { ZnProblemCode } from '../zn';
import { FileFormat, ImportOutcome, ProblemSeverity, ZnErrorPolicy } from '../monitoring.enums';
import { BulkErrorPolicy } from '../../graphql/shared-enums';
import type { ZnImportSummary } from './import.summary';

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
export class ZnImportSummaryType implements ZnImportSummary {
  @Field(() => ImportOutcome, { description: 'How the import ended, or for a dry run how it would end.' })
  outcome!: ImportOutcome;

  @Field(() => Boolean, { description: 'True for a dry run: everything was checked, nothing was written.' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'True when this is the stored answer of an earlier import with the same Idempotency-Key and content.' })
  replayed!: boolean;

  @Field(() => ZnErrorPolicy, { description: 'The error policy applied, under its earlier type.', deprecationReason: 'Use rowErrorPolicy; removed in the next release.' })
  errorPolicy!: BulkErrorPolicy;

  /** Resolved from errorPolicy by the resolver: a summary is a plain object. */
  @Field(() => BulkErrorPolicy, { description: 'The error policy applied.' })
  rowErrorPolicy!: BulkErrorPolicy;

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
