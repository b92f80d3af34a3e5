import { PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/** Surrogate key and timestamps shared by every table; natural keys (UZOVI, AGB, ...) are unique columns. */
/** An object type only so that the types extending it inherit `updatedAt`; nothing returns it, so the schema has no such type. */
@ObjectType({ description: 'Columns every table has.' })
export abstract class BaseEntity<Optional extends string = never> {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'globalId' | Optional;

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /**
   * Kept by the database (trigger `sync_touch`, clock_timestamp() on every insert and update, whoever writes); the
   * value set here only fills the insert statement and is overwritten.
   */
  @Field(() => Date, { description: 'When this object last changed (set by the database on every write); the key of `updatedSince`.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date(), index: true })
  updatedAt: Date = new Date();
}
