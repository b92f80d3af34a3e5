import { OptionalProps, Entity, Enum, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { encodeGlobalId } from '../../core/global-id';
import { OrganisationKindEnum } from '../../auth/api-token.entity';
import { MonitoringSubmission } from './submission.entity';
import { SubmissionEventKind, SubmissionStatus } from '../monitoring.enums';

/** One status change of a submission: the review history, append-only. */
@ObjectType('MonitoringSubmissionEvent', { implements: Node, description: 'A status change in the history of a monitoring submission.' })
@Entity({ tableName: 'monitoring_submission_event' })
export class MonitoringSubmissionEvent {
  [OptionalProps]?: 'globalId' | 'occurredAt' | 'updatedAt' | 'reason';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => MonitoringSubmission, { ref: true, index: true, deleteRule: 'cascade' })
  submission!: Ref<MonitoringSubmission>;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt!: Date;

  @Field(() => Date, { description: 'When this object last changed (set by the database on every write); the key of `updatedSince`.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', index: true })
  updatedAt!: Date;

  @Field(() => SubmissionEventKind, { description: 'What happened.' })
  @Enum({ items: () => SubmissionEventKind, nativeEnumName: 'monitoring_submission_event_kind' })
  kind!: SubmissionEventKind;

  @Field(() => SubmissionStatus, { description: 'The status before.' })
  @Enum({ items: () => SubmissionStatus, nativeEnumName: 'monitoring_submission_status' })
  fromStatus!: SubmissionStatus;

  @Field(() => SubmissionStatus, { description: 'The status after.' })
  @Enum({ items: () => SubmissionStatus, nativeEnumName: 'monitoring_submission_status' })
  toStatus!: SubmissionStatus;

  @Field(() => Int, { description: 'The version of the figures it applied to.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => OrganisationKindEnum, { description: 'Kind of organisation that acted.' })
  @Enum({ items: () => OrganisationKindEnum, nativeEnumName: 'organisation_kind' })
  actorKind!: OrganisationKindEnum;

  @Field(() => String, { description: 'Code of the organisation that acted (AGB, UZOVI or "operator").' })
  @Property({ type: 'string', length: 20 })
  actorCode!: string;

  @Field(() => String, { description: 'Token prefix, JWT subject or CLI user that acted.' })
  @Property({ type: 'string', length: 200 })
  actorSubject!: string;

  @Field(() => String, { nullable: true, description: 'The reason given: required for a rejection and a reopening.' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  get globalId(): string {
    return encodeGlobalId('MonitoringSubmissionEvent', this.id);
  }
}
