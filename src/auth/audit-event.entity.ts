import { ArrayType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { OrganisationKindEnum } from './api-token.entity';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  REJECTED = 'REJECTED',
  DENIED = 'DENIED',
  ERROR = 'ERROR',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: 'How an audited operation ended.',
  valuesConfig: {
    SUCCESS: { description: 'It did what was asked.' },
    REJECTED: { description: 'The input was refused with user errors; nothing was written.' },
    DENIED: { description: 'The principal was not allowed to do it.' },
    ERROR: { description: 'It failed unexpectedly.' },
  },
});

export enum AuditKind {
  MUTATION = 'MUTATION',
  READ = 'READ',
  CLI = 'CLI',
}
registerEnumType(AuditKind, {
  name: 'AuditKind',
  description: 'What kind of event was audited.',
  valuesConfig: {
    MUTATION: { description: 'A GraphQL mutation.' },
    READ: { description: 'A read of confidential data.' },
    CLI: { description: 'A command of the command-line interface.' },
  },
});

/**
 * One audited event. Append-only: the API has no way to change or remove one, and a database trigger refuses
 * UPDATE and DELETE on the table.
 */
@ObjectType('AuditEvent', { implements: Node, description: 'An entry of the append-only audit log.' })
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['occurredAt'] })
@Index({ name: 'audit_event_owner_insurer_ids_index', properties: ['ownerInsurerIds'], type: 'gin' })
@Index({ name: 'audit_event_owner_provider_ids_index', properties: ['ownerProviderIds'], type: 'gin' })
export class AuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt!: Date;

  @Field(() => Date, { description: 'When the entry was written (the log is append-only); the key of `updatedSince`.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', index: true })
  updatedAt!: Date;

  @Field(() => String, { description: 'Request id (also in the x-request-id response header) it belongs to.' })
  @Property({ type: 'string', length: 100 })
  requestId!: string;

  @Field(() => AuditKind, { description: 'What kind of event.' })
  @Enum({ items: () => AuditKind, nativeEnumName: 'audit_kind' })
  kind!: AuditKind;

  @Field(() => OrganisationKindEnum, { description: 'Kind of organisation that acted.' })
  @Enum({ items: () => OrganisationKindEnum, nativeEnumName: 'organisation_kind' })
  organisationKind!: OrganisationKindEnum;

  @Field(() => String, { description: 'Code of the organisation that acted (UZOVI, AGB or "operator").' })
  @Property({ type: 'string', length: 20 })
  organisationCode!: string;

  @Field(() => String, { description: 'Token prefix or JWT subject that acted.' })
  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Field(() => String, { description: 'Operation, e.g. "insurerCreate" or "contract".' })
  @Property({ type: 'string', length: 100 })
  operation!: string;

  @Field(() => [String], { description: 'Global IDs of the objects involved.' })
  @Property({ type: 'text[]' })
  objectIds!: string[];

  @Field(() => AuditOutcome, { description: 'How it ended.' })
  @Enum({ items: () => AuditOutcome, nativeEnumName: 'audit_outcome' })
  outcome!: AuditOutcome;

  /**
   * The insurer that acted, by id (codes can be reassigned); null when a provider or the operator acted. A
   * non-operator admin reads only the events its own organisation performed (audit.read in the policy).
   */
  @Index()
  @Property({ type: 'integer', nullable: true })
  actorInsurerId!: number | null;

  /** The provider that acted, by id; null when an insurer or the operator acted. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  actorProviderId!: number | null;

  @Property({ type: new ArrayType((i) => Number(i)), columnType: 'integer[]' })
  ownerInsurerIds!: number[];

  @Property({ type: new ArrayType((i) => Number(i)), columnType: 'integer[]' })
  ownerProviderIds!: number[];

  get globalId(): string {
    return encodeGlobalId('AuditEvent', Number(this.id));
  }
}
