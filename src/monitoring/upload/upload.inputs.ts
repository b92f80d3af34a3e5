import { Field, ID, InputType } from 'type-graphql';
import { Upload, UploadScalar } from '../../graphql/upload';
import { REPLACED_BY_ROW_ERROR_POLICY } from '../../shared/bulk-error-policy';
import { BulkErrorPolicy } from '../../graphql/shared-enums';
import { FileFormat, ZnErrorPolicy } from '../monitoring.enums';

@InputType('MonitoringUploadInput', { description: 'A ZN file to import, sent as a multipart request.' })
export class MonitoringUploadInput {
  @Field(() => UploadScalar, { description: 'The CSV or XLSX file (a file part of the multipart request).' })
  file!: Upload;

  @Field(() => FileFormat, { nullable: true, description: 'The format; when omitted, the file name\'s extension (.csv, .xlsx) or else the first bytes decide.' })
  format?: FileFormat | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Check everything and report what would happen, writing nothing.' })
  dryRun!: boolean;

  @Field(() => BulkErrorPolicy, { defaultValue: BulkErrorPolicy.ALL_OR_NOTHING, description: 'What to do with rows that have errors: all or nothing (default), or reject only those rows.' })
  rowErrorPolicy!: BulkErrorPolicy;

  @Field(() => ZnErrorPolicy, {
    nullable: true,
    description: 'The same as rowErrorPolicy under its earlier type; when given, it decides.',
    deprecationReason: REPLACED_BY_ROW_ERROR_POLICY,
  })
  errorPolicy?: BulkErrorPolicy | null;

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

  @Field(() => BulkErrorPolicy, { defaultValue: BulkErrorPolicy.ALL_OR_NOTHING, description: 'What to do with rows that have errors: all or nothing (default), or reject only those rows.' })
  rowErrorPolicy!: BulkErrorPolicy;

  @Field(() => ZnErrorPolicy, {
    nullable: true,
    description: 'The same as rowErrorPolicy under its earlier type; when given, it decides.',
    deprecationReason: REPLACED_BY_ROW_ERROR_POLICY,
  })
  errorPolicy?: BulkErrorPolicy | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Submit the created and changed submissions for review at once.' })
  submit!: boolean;

  @Field(() => String, { nullable: true, description: 'Idempotency-Key; when omitted, the Idempotency-Key header of the PUT is used.' })
  idempotencyKey?: string | null;
}
