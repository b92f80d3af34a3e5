import { Entity, Enum, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../db/base.entity';
import { Provider } from '../provider/provider.entity';

/** How an answer is written: the parser of sustainability.answers.ts accepts exactly these. */
export enum SustainabilityQuestionType {
  BOOLEAN = 'BOOLEAN',
  DECIMAL = 'DECIMAL',
  DATE = 'DATE',
  CHOICE = 'CHOICE',
}

/**
 * One question of the insurers' coordinated yearly request (seed 001 Bijlage 1: "De zorgverzekeraars stemmen de
 * uitvraag onderling ... af"). The request is data: a later year adds rows, not code.
 */
@Entity({ tableName: 'sustainability_question' })
@Unique({ properties: ['year', 'code'] })
export class SustainabilityQuestion extends BaseEntity {
  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'varchar', length: 60 })
  code!: string;

  @Property({ type: 'smallint' })
  position!: number;

  @Enum({ items: () => SustainabilityQuestionType, nativeEnumName: 'sustainability_question_type' })
  type!: SustainabilityQuestionType;

  @Property({ type: 'varchar', length: 40, nullable: true })
  unit!: string | null;

  @Property({ type: 'text[]', nullable: true })
  choices!: string[] | null;

  @Property({ type: 'boolean' })
  required!: boolean;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'varchar', length: 200 })
  source!: string;
}

/**
 * A provider's answers to the request of one year: one row per provider and year, replaced as a whole by a
 * correction, whose version counts up. Values are canonical text by question code (see sustainability.answers.ts).
 */
@Entity({ tableName: 'sustainability_answer' })
@Unique({ properties: ['provider', 'year'] })
export class SustainabilityAnswer extends BaseEntity<'demo'> {
  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'jsonb' })
  answers!: Record<string, string>;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'varchar', length: 200 })
  answeredBy!: string;

  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}
