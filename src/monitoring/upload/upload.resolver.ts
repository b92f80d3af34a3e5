import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { describeOperation } from '../../auth/access-policy';
import { SyncPageArgs, connectionType, toConnection } from '../../graphql/connection';
import { registerNodeType } from '../../graphql/node-registry';
import { Provider } from '../../provider/provider.entity';
import { MonitoringImport } from './import.entity';
import { ZN_COLUMNS } from '../zn';
import { MonitoringErrorCode } from '../monitoring.errors';
import { ZnImportSummary, toSummary } from './import.summary';
import { ZnImportSummaryType } from './upload.types';
import { importZnFile, mayUpload } from './import.pipeline';
import { Viewer } from '../../auth/auth.resolver';
import type { ImportResult } from './import.pipeline';
import type { MutationOutcome } from '../../core/mutation';
import { commitStagedUpload, startStagedUpload } from './staged-upload';
import { ImportChannel } from '../monitoring.enums';
import { monitoringLoaders } from '../monitoring.loaders';
import { BulkErrorPolicy, chosenBulkErrorPolicy } from '../../shared/bulk-error-policy';
import { importsByIds, listImports } from './upload.service';
import { MonitoringUploadCommitInput, MonitoringUploadInput, MonitoringUploadStartInput } from './upload.inputs';
import { MonitoringUploadPayload, MonitoringUploadStartPayload, ZnColumnType } from './upload.payloads';

registerNodeType('MonitoringImport', importsByIds);

const MonitoringImportConnection = connectionType(MonitoringImport, 'MonitoringImport', 'ZN import');

function uploadPayload(outcome: MutationOutcome<ImportResult>) {
  // `record` is not a GraphQL field: the audit middleware reads the import's global ID from it.
  return { summary: outcome.result?.summary ?? null, record: outcome.result?.record ?? null, userErrors: outcome.userErrors };
}

@Resolver(() => ZnImportSummaryType)
export class ZnImportSummaryResolver {
  @FieldResolver(() => MonitoringImport, { nullable: true, description: 'The recorded import; null for a dry run or a rejected file.' })
  import(@Root() summary: ZnImportSummary, @Ctx() ctx: RequestContext) {
    return summary.importId === null ? null : monitoringLoaders.importById.of(ctx).load(summary.importId);
  }

  @FieldResolver(() => MonitoringImport, { nullable: true, description: 'An earlier import of a file with exactly the same bytes, by the same coordination function.' })
  sameContentAs(@Root() summary: ZnImportSummary, @Ctx() ctx: RequestContext) {
    return summary.sameContentAsImportId === null
      ? null
      : monitoringLoaders.importById.of(ctx).load(summary.sameContentAsImportId);
  }

  @FieldResolver()
  rowErrorPolicy(@Root() summary: ZnImportSummary): BulkErrorPolicy {
    return summary.errorPolicy;
  }
}

@Resolver(() => MonitoringImport)
export class MonitoringImportResolver {
  @Query(() => MonitoringImportConnection, {
    description: describeOperation("ZN imports, newest first: your own coordination function's, or all for an operator admin.", 'monitoring.import.read'),
  })
  async monitoringImports(@Args(() => SyncPageArgs) page: SyncPageArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await listImports(ctx, page));
  }

  @FieldResolver(() => ZnImportSummaryType, { description: 'The import summary as it was reported.' })
  summary(@Root() record: MonitoringImport) {
    return toSummary(record.summary, record.id, false);
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'The coordination function that uploaded; null for a load by the platform itself.' })
  coordinationFunction(@Root() record: MonitoringImport) {
    return record.provider ? record.provider.load() : null;
  }

  @Query(() => [ZnColumnType], { description: describeOperation('The columns of the ZN monitoring layout (v1) that uploads and exports use, in export order.', 'reference.read') })
  znFormatColumns() {
    return ZN_COLUMNS.map((c) => Object.assign(new ZnColumnType(), { name: c.name, required: c.required, type: c.kind, description: c.description }));
  }

  @Mutation(() => MonitoringUploadPayload, {
    description:
      describeOperation('Imports a ZN file (CSV or XLSX) sent as a multipart request (graphql-multipart-request-spec, with the header "apollo-require-preflight: true"), and returns the import summary.', 'monitoring.write'),
  })
  async monitoringUpload(@Arg('input', () => MonitoringUploadInput, { description: 'The file and how to import it.' }) input: MonitoringUploadInput, @Ctx() ctx: RequestContext) {
    let file;
    try {
      file = await input.file.promise;
    } catch {
      return { summary: null, userErrors: [{ field: ['file'], code: MonitoringErrorCode.FILE_REQUIRED, message: 'The request holds no file for "file".' }] };
    }
    const outcome = await importZnFile(
      ctx,
      { input: file.stream, filename: file.filename, format: input.format ?? null, channel: ImportChannel.GRAPHQL_UPLOAD },
      { dryRun: input.dryRun, errorPolicy: chosenBulkErrorPolicy(input.rowErrorPolicy, input.errorPolicy), submit: input.submit, idempotencyKey: input.idempotencyKey ?? input.file.idempotencyKey },
    );
    return uploadPayload(outcome);
  }

  @Mutation(() => MonitoringUploadStartPayload, {
    description: describeOperation('Opens a staged upload for a large file: PUT the file to the returned URL, then call monitoringUploadCommit.', 'monitoring.write'),
  })
  async monitoringUploadStart(@Arg('input', () => MonitoringUploadStartInput, { description: 'The file to come.' }) input: MonitoringUploadStartInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await startStagedUpload(ctx, input);
    return { stagedUpload: result, userErrors };
  }

  @Mutation(() => MonitoringUploadPayload, {
    description: describeOperation('Imports the file of a staged upload through the same pipeline as monitoringUpload.', 'monitoring.write'),
  })
  async monitoringUploadCommit(@Arg('input', () => MonitoringUploadCommitInput, { description: 'The upload and how to import it.' }) input: MonitoringUploadCommitInput, @Ctx() ctx: RequestContext) {
    const outcome = await commitStagedUpload(ctx, {
      uploadId: input.uploadId,
      dryRun: input.dryRun,
      errorPolicy: chosenBulkErrorPolicy(input.rowErrorPolicy, input.errorPolicy),
      submit: input.submit,
      format: input.format ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    return uploadPayload(outcome);
  }
}

/** Monitoring owns what the viewer may do with ZN files. */
@Resolver(() => Viewer)
export class ViewerMonitoringResolver {
  @FieldResolver(() => Boolean, {
    description:
      'Whether this credential may upload a ZN monitoring file (monitoringUpload, monitoringUploadStart): the staff of a coordination function, for itself. The same check as the upload.',
  })
  mayUploadMonitoring(@Ctx() ctx: RequestContext): Promise<boolean> {
    return mayUpload(ctx);
  }
}

export const UPLOAD_RESOLVERS = [
  ZnImportSummaryResolver,
  MonitoringImportResolver,
  ViewerMonitoringResolver,
] as const;
