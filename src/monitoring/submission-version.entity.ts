import { OptionalProps, Entity, ManyToOne, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, encodeGlobalId } from '../graphql/node';
import { MonitoringSubmission } from './submission.entity';
import { MonitoringImport } from './import.entity';
import type { FigureRow } from './figures';

/** One state of a submission's figures. Never changed after it is written: a change makes a new version. */
@ObjectType('MonitoringSubmissionVersion', {
  implements: Node,
  description: 'One version of the figures of a monitoring submission; every upload that changes the figures adds one.',
})
@Entity({ tableName: 'monitoring_submission_version' })
@Unique({ properties: ['submission', 'version'] })
export class MonitoringSubmissionVersion {
  [OptionalProps]?: 'globalId' | 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => MonitoringSubmission, { ref: true, deleteRule: 'cascade' })
  submission!: Ref<MonitoringSubmission>;

  @Field(() => Int, { description: 'Version number, from 1.' })
  @Property({ type: 'integer' })
  version!: number;

  /** The rows of this version in the order of the ZN stay types. */
  @Property({ type: 'json', columnType: 'json' })
  figures!: FigureRow[];

  @Property({ type: 'string', length: 32 })
  figuresHash!: string;

  /** The import that wrote it. */
  @ManyToOne(() => MonitoringImport, { ref: true, nullable: true, deleteRule: 'set null' })
  import!: Ref<MonitoringImport> | null;

  @Field(() => Date, { description: 'When this version was written.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => String, { description: 'Token prefix, JWT subject or CLI user that uploaded it.' })
  @Property({ type: 'string', length: 200 })
  createdBy!: string;

  get globalId(): string {
    return encodeGlobalId('MonitoringSubmissionVersion', this.id);
  }
}
