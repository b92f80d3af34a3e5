import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { describeOperation } from '../../auth/access-policy';
import { FileFormat } from '../monitoring.enums';
import { exportFile } from './export.service';
import { MonitoringExportFile } from './export.payloads';
import { MonitoringExportFilter } from './export.inputs';

/** The current figures as a ZN file: what an upload reads, written back out. */
@Resolver()
export class MonitoringExportResolver {
  @Query(() => MonitoringExportFile, {
    description:
      describeOperation('The current figures you may read in the ZN layout (CSV or XLSX), base64-encoded; an exported file uploads again as unchanged.', 'monitoring.read'),
  })
  async monitoringExport(
    @Arg('filter', () => MonitoringExportFilter, { description: 'Which figures.' }) filter: MonitoringExportFilter,
    @Arg('format', () => FileFormat, { defaultValue: FileFormat.CSV, description: 'CSV (the default) or XLSX.' }) format: FileFormat,
    @Ctx() ctx: RequestContext,
  ) {
    const file = await exportFile(ctx, filter, format);
    return Object.assign(new MonitoringExportFile(), {
      filename: file.filename,
      contentType: file.contentType,
      format,
      rowCount: file.rowCount,
      contentBase64: file.content.toString('base64'),
    });
  }
}
