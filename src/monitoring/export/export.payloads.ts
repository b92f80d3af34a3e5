import { Field, Int, ObjectType } from 'type-graphql';
import { FileFormat } from '../monitoring.enums';

@ObjectType('MonitoringExportFile', { description: 'Monitoring figures in the ZN layout, ready to save; uploading it again changes nothing.' })
export class MonitoringExportFile {
  @Field(() => String, { description: 'A file name, e.g. "zn-monitoring-2024.csv".' })
  filename!: string;

  @Field(() => String, { description: 'The media type of the content.' })
  contentType!: string;

  @Field(() => FileFormat, { description: 'CSV or XLSX.' })
  format!: FileFormat;

  @Field(() => Int, { description: 'Data rows in the file.' })
  rowCount!: number;

  @Field(() => String, { description: 'The file, base64-encoded.' })
  contentBase64!: string;
}
