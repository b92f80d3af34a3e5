import { Check, OptionalProps, Entity, Enum, ManyToOne, PrimaryKey, Property, Ref, Unique } from '@mikro-orm/core';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider } from '../../provider/provider.entity';
import { CoordinationCondition } from '../monitoring.enums';

/** A purchasing insurer's assessment of one Bijlage 1 condition for a coordination function and year. */
@Entity({ tableName: 'coordination_condition' })
@Unique({ properties: ['provider', 'year', 'condition'] })
export class CoordinationConditionAssessment {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @Property({ type: 'smallint' })
  year!: number;

  @Enum({ items: () => CoordinationCondition, nativeEnumName: 'coordination_condition_code' })
  condition!: CoordinationCondition;

  @Property({ type: 'boolean' })
  met!: boolean;

  @Property({ type: 'text' })
  evidenceNote!: string;

  @Property({ type: 'date' })
  evidenceDate!: string;

  @ManyToOne(() => Insurer, { ref: true })
  recordedBy!: Ref<Insurer>;

  @Property({ type: 'string', length: 200 })
  recordedBySubject!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  recordedAt: Date = new Date();
}

/** A provider that signed the regional agreements of a coordination function for a year (condition 4). */
@Entity({ tableName: 'coordination_signatory' })
@Unique({ properties: ['coordinationFunction', 'year', 'signatory'] })
export class CoordinationSignatory {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Provider, { ref: true })
  coordinationFunction!: Ref<Provider>;

  @Property({ type: 'smallint' })
  year!: number;

  @ManyToOne(() => Provider, { ref: true, index: true })
  signatory!: Ref<Provider>;

  @Property({ type: 'date' })
  signedOn!: string;
}

/** The ELV (eerstelijnsverblijf) beds of a provider: reference data behind the 85% coverage rule. */
@Entity({ tableName: 'provider_elv_beds' })
@Check({ name: 'provider_elv_beds_not_negative', expression: 'beds >= 0' })
export class ProviderElvBeds {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Provider, { ref: true, unique: true })
  provider!: Ref<Provider>;

  @Property({ type: 'integer' })
  beds!: number;
}
