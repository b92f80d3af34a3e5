import { Entity, Enum, Index, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { Role } from './roles';

export enum OrganisationKindEnum {
  OPERATOR = 'OPERATOR',
  INSURER = 'INSURER',
  PROVIDER = 'PROVIDER',
}
registerEnumType(OrganisationKindEnum, {
  name: 'OrganisationKind',
  description: 'The kind of organisation a client acts for.',
  valuesConfig: {
    OPERATOR: { description: 'The operator of the platform.' },
    INSURER: { description: 'A health insurer, identified by UZOVI code.' },
    PROVIDER: { description: 'A care provider, identified by AGB code.' },
  },
});

/**
 * An API token. Only a SHA-256 hash of the secret is stored: the secret has 256 bits of entropy, so a slow hash
 * adds nothing, and a fast one keeps authentication cheap on every request.
 */
@ObjectType('ApiToken', { implements: Node, description: 'An API token of an organisation; the secret itself is shown only once, at creation.' })
@Entity({ tableName: 'api_token' })
@Index({ properties: ['insurer'] })
@Index({ properties: ['provider'] })
export class ApiToken extends BaseEntity<'lastUsedAt' | 'revokedAt'> {
  @Field(() => String, { description: 'Visible prefix that recognises the token, e.g. "zix_AbC123xy".' })
  @Property({ type: 'string', length: 20, unique: true })
  prefix!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  secretHash!: string;

  @Field(() => OrganisationKindEnum, { description: 'Kind of organisation the token acts for.' })
  @Enum({ items: () => OrganisationKindEnum, nativeEnumName: 'organisation_kind' })
  organisationKind!: OrganisationKindEnum;

  @ManyToOne(() => Insurer, { ref: true, nullable: true })
  insurer!: Ref<Insurer> | null;

  @ManyToOne(() => Provider, { ref: true, nullable: true })
  provider!: Ref<Provider> | null;

  @Field(() => Role, { description: 'What the token may do.' })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @Field(() => String, { description: 'What the token is for, as its creator described it.' })
  @Property({ type: 'string', length: 200 })
  label!: string;

  @Field(() => Date, { description: 'When the token stops working.' })
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the token was last used (updated at most once a minute).' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the token was revoked; null while it is not.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => String, { description: 'Who created the token (token prefix, JWT subject or "cli").' })
  @Property({ type: 'string', length: 200 })
  createdBy!: string;

  get globalId(): string {
    return encodeGlobalId('ApiToken', this.id);
  }
}
