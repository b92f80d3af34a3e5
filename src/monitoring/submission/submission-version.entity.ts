import { OptionalProps, Entity, ManyToOne, PrimaryKey, Property, Ref, Unique, ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { encodeGlobalId } from '../../core/global-id';
import { MonitoringSubmission } from './submission.entity';

/**
 * One state of a submission's figures. Rows of this table are the superseded versions (an upload that changes
 * the figures moves the current one here, with its id); the current version lives on the submission, and
 * `currentVersionOf` presents it as an instance of this class. Never changed after it is written.
 */
@ObjectType('MonitoringSubmissionVersion', {
  implements: Node,
  description: 'One version of the figures of a monitoring submission; every upload that changes the figures adds one.',
})
@Entity({ tableName: 'monitoring_submission_version' })
@Unique({ properties: ['submission', 'version'] })
export class MonitoringSubmissionVersion {
  [OptionalProps]?: 'globalId' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => MonitoringSubmission, { ref: true, deleteRule: 'cascade' })
  submission!: Ref<MonitoringSubmission>;

  @Field(() => Int, { description: 'Version number, from 1.' })
  @Property({ type: 'integer' })
  version!: number;

  /** The rows of this version as canonical text lines (see parseFigures). */
  @Property({ type: 'text' })
  figures!: string;

  @Property({ type: 'string', length: 32 })
  figuresHash!: string;

  /**
   * Id of the import that wrote it. A plain column, not a foreign key: an import writes thousands of versions
   * at once, and a per-row key check on this purely informative link cost a fifth of the write.
   */
  @Property({ type: 'integer', nullable: true })
  importId!: number | null;

  @Field(() => Date, { description: 'When this version was written.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When this object last changed (set by the database on every write); the key of `updatedSince`.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', index: true })
  updatedAt!: Date;

  @Field(() => String, { description: 'Token prefix, JWT subject or CLI user that uploaded it.' })
  @Property({ type: 'string', length: 200 })
  createdBy!: string;

  get globalId(): string {
    return encodeGlobalId('MonitoringSubmissionVersion', this.id);
  }
}

/** The current version of a submission, as the version it becomes once an upload supersedes it. */
export function currentVersionOf(submission: MonitoringSubmission): MonitoringSubmissionVersion {
  return Object.assign(new MonitoringSubmissionVersion(), {
    id: submission.versionId,
    submission: ref(submission),
    version: submission.version,
    figures: submission.figures,
    figuresHash: submission.figuresHash,
    importId: submission.versionImportId,
    createdAt: submission.versionCreatedAt,
    updatedAt: submission.versionCreatedAt,
    createdBy: submission.versionCreatedBy,
  });
}
