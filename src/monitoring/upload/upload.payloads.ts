import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MonitoringUserError } from '../monitoring.payloads';
import type { ZnImportSummary } from './import.summary';
import { ZnImportSummaryType } from './upload.types';

@ObjectType('MonitoringUploadPayload', { description: 'Result of an import.' })
export class MonitoringUploadPayload {
  @Field(() => ZnImportSummaryType, { nullable: true, description: 'The import summary; null when userErrors is not empty.' })
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
