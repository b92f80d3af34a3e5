import { OptionalProps, Entity, Enum, ManyToOne, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { encodeGlobalId } from '../../core/global-id';
import { Provider } from '../../provider/provider.entity';
import { ImportChannel } from '../monitoring.enums';
import type { StoredSummary } from './import.summary';

/**
 * A ZN import that was carried out (dry runs and rejected files are not recorded: they wrote nothing). Its
 * summary is kept as it was reported, so that a retry with the same Idempotency-Key gets the same answer.
 */
@ObjectType('MonitoringImport', {
  implements: Node,
  description: 'A ZN file that was imported, with its import summary. Readable by the coordination function that uploaded it and operator admins.',
})
@Entity({ tableName: 'monitoring_import' })
@Unique({ properties: ['organisationCode', 'idempotencyKey'] })
export class MonitoringImport {
  [OptionalProps]?: 'globalId' | 'createdAt' | 'updatedAt' | 'idempotencyKey';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Date, { description: 'When the import was carried out.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When this object last changed (set by the database on every write); the key of `updatedSince`.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', index: true })
  updatedAt!: Date;

  /** The coordination function that uploaded; null for a load by the platform itself (the CLI without --as). */
  @ManyToOne(() => Provider, { ref: true, nullable: true, index: true })
  provider!: Ref<Provider> | null;

  /** AGB code of the uploader, or "operator" for the platform: the scope of an Idempotency-Key. */
  @Property({ type: 'string', length: 20 })
  organisationCode!: string;

  @Field(() => String, { description: 'Token prefix, JWT subject or CLI user that uploaded.' })
  @Property({ type: 'string', length: 200 })
  uploadedBy!: string;

  @Field(() => ImportChannel, { description: 'The way the file came in.' })
  @Enum({ items: () => ImportChannel, nativeEnumName: 'zn_import_channel' })
  channel!: ImportChannel;

  @Field(() => String, { nullable: true, description: 'The Idempotency-Key the client sent, if any.' })
  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'string', length: 64, index: true })
  contentSha256!: string;

  @Property({ type: 'jsonb' })
  summary!: StoredSummary;

  get globalId(): string {
    return encodeGlobalId('MonitoringImport', this.id);
  }
}
