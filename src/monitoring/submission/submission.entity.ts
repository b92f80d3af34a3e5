import { Entity, Enum, Index, ManyToOne, Property, Ref, Unique, Check } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Node } from '../../graphql/node';
import { encodeGlobalId } from '../../core/global-id';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { SubmissionStatus } from '../monitoring.enums';
import { MonitoringPeriod } from '../zn';

/**
 * The figures one coordination function reports for one year and period: the current version of the figures
 * and the review state. Superseded versions move to monitoring_submission_version when an upload replaces them,
 * so the usual import (a year's first upload) writes one row per submission, not two.
 */
@ObjectType('MonitoringSubmission', {
  implements: Node,
  description:
    'The monitoring figures of one coordination function for one year and period, with its versions and review. Confidential: readable by the coordination function, the insurers that purchase from it, and operator admins.',
})
@Entity({ tableName: 'monitoring_submission' })
@Unique({ properties: ['provider', 'year', 'period'] })
@Index({ properties: ['year', 'period'] })
@Check({ name: 'monitoring_submission_version_positive', expression: 'version >= 1' })
export class MonitoringSubmission extends BaseEntity<'rejectionReason' | 'submittedAt' | 'reviewedAt' | 'reviewedBy' | 'reviewedBySubject'> {
  /** The coordination function (a provider of kind COORDINATION_FUNCTION). */
  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @Field(() => Int, { description: 'Reporting year (verslagjaar).' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => MonitoringPeriod, { description: 'Reporting period (periode).' })
  @Enum({ items: () => MonitoringPeriod, nativeEnumName: 'monitoring_period' })
  period!: MonitoringPeriod;

  @Field(() => SubmissionStatus, { description: 'Where the submission stands in its review.' })
  @Enum({ items: () => SubmissionStatus, nativeEnumName: 'monitoring_submission_status' })
  status!: SubmissionStatus;

  @Field(() => Int, { description: 'Number of the current version; every change of the figures adds one.' })
  @Property({ type: 'integer' })
  version!: number;

  /**
   * Id of the current version: drawn from the version table's sequence, and kept by the version when an upload
   * supersedes it and it moves to that table, so a version's global id never changes.
   */
  @Property({ type: 'integer', unique: true })
  versionId!: number;

  /** The current figures as canonical text lines (see parseFigures). */
  @Property({ type: 'text' })
  figures!: string;

  /** Hash of the current figures in canonical form: an upload with the same figures changes nothing. */
  @Property({ type: 'string', length: 32 })
  figuresHash!: string;

  /** The import that wrote the current version (a plain column, as in monitoring_submission_version). */
  @Property({ type: 'integer', nullable: true })
  versionImportId!: number | null;

  /** When the current version was written. */
  @Property({ type: 'datetime' })
  versionCreatedAt!: Date;

  /** Token prefix, JWT subject or CLI user that uploaded the current version. */
  @Property({ type: 'string', length: 200 })
  versionCreatedBy!: string;

  @Field(() => String, { nullable: true, description: 'Why the insurer rejected it; set while the status is REJECTED.' })
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was last submitted for review; null while never submitted.' })
  @Property({ type: 'datetime', nullable: true })
  submittedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When a purchasing insurer last accepted or rejected it.' })
  @Property({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;

  /** The insurer that accepted or rejected it; only that insurer may reopen an accepted submission. */
  @ManyToOne(() => Insurer, { ref: true, nullable: true })
  reviewedBy: Ref<Insurer> | null = null;

  /** Token prefix or JWT subject of the reviewer, for the history. */
  @Property({ type: 'string', length: 200, nullable: true })
  reviewedBySubject: string | null = null;

  get globalId(): string {
    return encodeGlobalId('MonitoringSubmission', this.id);
  }
}
