import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Upload, UploadScalar } from '../graphql/upload';
import { MonitoringSubmission } from './submission.entity';
import { ErrorPolicy, FileFormat, MonitoringPeriod, SubmissionStatus } from './monitoring.enums';
import { MonitoringUserError } from './monitoring.errors';
import { ZnImportSummary } from './import/summary';

// ---------------------------------------------------------------------------------------------- inputs

@InputType('MonitoringSubmissionFilter', { description: 'Narrows the list of monitoring submissions.' })
export class MonitoringSubmissionFilter {
  @Field(() => Int, { nullable: true, description: 'Only this reporting year.' })
  year?: number | null;

  @Field(() => MonitoringPeriod, { nullable: true, description: 'Only this period.' })
  period?: MonitoringPeriod | null;

  @Field(() => [SubmissionStatus], { nullable: true, description: 'Only these statuses.' })
  status?: SubmissionStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Only the coordination function with this AGB code.' })
  coordinationFunctionAgb?: string | null;

  @Field(() => String, { nullable: true, description: 'Only coordination functions in the ambulance region with this code.' })
  regionCode?: string | null;
}

@InputType('MonitoringUploadInput', { description: 'A ZN file to import, sent as a multipart request.' })
export class MonitoringUploadInput {
  @Field(() => UploadScalar, { description: 'The CSV or XLSX file (a file part of the multipart request).' })
  file!: Upload;

  @Field(() => FileFormat, { nullable: true, description: 'The format; when omitted, the file name\'s extension (.csv, .xlsx) or else the first bytes decide.' })
  format?: FileFormat | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Check everything and report what would happen, writing nothing.' })
  dryRun!: boolean;

  @Field(() => ErrorPolicy, { defaultValue: ErrorPolicy.REJECT_EVERYTHING, description: 'What to do with rows that have errors.' })
  errorPolicy!: ErrorPolicy;

  @Field(() => Boolean, { defaultValue: false, description: 'Submit the created and changed submissions for review at once (else they are drafts).' })
  submit!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retry safe: a second import with the same key and content returns the first summary. The Idempotency-Key header of the request works too.',
  })
  idempotencyKey?: string | null;
}

@InputType('MonitoringUploadStartInput', { description: 'Opens a staged upload for a large file.' })
export class MonitoringUploadStartInput {
  @Field(() => String, { nullable: true, description: 'The file name, e.g. "zn-2024.csv"; its extension tells the format.' })
  filename?: string | null;
}

@InputType('MonitoringUploadCommitInput', { description: 'Imports the file of a staged upload.' })
export class MonitoringUploadCommitInput {
  @Field(() => ID, { description: 'The uploadId that monitoringUploadStart returned.' })
  uploadId!: string;

  @Field(() => FileFormat, { nullable: true, description: 'The format; when omitted, the file name\'s extension or else the first bytes decide.' })
  format?: FileFormat | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Check everything and report what would happen, writing nothing; the upload stays for a real commit.' })
  dryRun!: boolean;

  @Field(() => ErrorPolicy, { defaultValue: ErrorPolicy.REJECT_EVERYTHING, description: 'What to do with rows that have errors.' })
  errorPolicy!: ErrorPolicy;

  @Field(() => Boolean, { defaultValue: false, description: 'Submit the created and changed submissions for review at once.' })
  submit!: boolean;

  @Field(() => String, { nullable: true, description: 'Idempotency-Key; when omitted, the Idempotency-Key header of the PUT is used.' })
  idempotencyKey?: string | null;
}

@InputType('MonitoringSubmissionSubmitInput', { description: 'The submission to submit for review.' })
export class MonitoringSubmissionSubmitInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;
}

@InputType('MonitoringSubmissionAcceptInput', { description: 'The submission to accept.' })
export class MonitoringSubmissionAcceptInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;
}

@InputType('MonitoringSubmissionRejectInput', { description: 'The submission to reject, and why.' })
export class MonitoringSubmissionRejectInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;

  @Field(() => String, { description: 'Why it is rejected: what the coordination function must correct (at most 2000 characters).' })
  reason!: string;
}

@InputType('MonitoringSubmissionReopenInput', { description: 'The accepted submission to reopen, and why.' })
export class MonitoringSubmissionReopenInput {
  @Field(() => ID, { description: 'Global ID of the submission.' })
  id!: string;

  @Field(() => String, { description: 'Why it is reopened; kept in its history (at most 2000 characters).' })
  reason!: string;
}

// ---------------------------------------------------------------------------------------------- outputs

@ObjectType('MonitoringUploadPayload', { description: 'Result of an import.' })
export class MonitoringUploadPayload {
  @Field(() => ZnImportSummary, { nullable: true, description: 'The import summary; null when userErrors is not empty.' })
  summary!: ZnImportSummary | null;

  @Field(() => [MonitoringUserError], { description: 'Problems with the request itself (not with the file: those are in the summary).' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}

@ObjectType('MonitoringStagedUpload', { description: 'Where and how to PUT a large file.' })
export class MonitoringStagedUploadTicket {
  @Field(() => ID, { description: 'Pass it to monitoringUploadCommit.' })
  uploadId!: string;

  @Field(() => String, { description: 'PUT the file here, with the header "Upload-Token: <uploadToken>" (relative to the API\'s origin unless PUBLIC_BASE_URL is set).' })
  uploadUrl!: string;

  @Field(() => String, { description: 'The secret for the PUT; shown only now.' })
  uploadToken!: string;

  @Field(() => Date, { description: 'The upload must be PUT and committed before this instant.' })
  expiresAt!: Date;

  @Field(() => Int, { description: 'The largest file accepted, in bytes.' })
  maxBytes!: number;
}

@ObjectType('MonitoringUploadStartPayload', { description: 'Result of opening a staged upload.' })
export class MonitoringUploadStartPayload {
  @Field(() => MonitoringStagedUploadTicket, { nullable: true, description: 'The upload URL and token.' })
  stagedUpload!: MonitoringStagedUploadTicket | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}

@ObjectType('MonitoringSubmissionPayload', { description: 'Result of a step in the review of a submission.' })
export class MonitoringSubmissionPayload {
  @Field(() => MonitoringSubmission, { nullable: true, description: 'The submission after the step; null when userErrors is not empty.' })
  monitoringSubmission!: MonitoringSubmission | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}

@ObjectType('ZnColumn', { description: 'One column of the ZN monitoring layout (v1).' })
export class ZnColumnType {
  @Field(() => String, { description: 'The header as the export writes it; matched case-insensitively, with space, "-" and "_" alike.' })
  name!: string;

  @Field(() => Boolean, { description: 'Whether every row must have a value.' })
  required!: boolean;

  @Field(() => String, { description: 'The kind of value: agb, year, period, stayType, integer or decimal.' })
  type!: string;

  @Field(() => String, { description: 'What the column holds, with the Dutch term.' })
  description!: string;
}
