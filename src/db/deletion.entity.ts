import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One deleted row of a Node type, written by the trigger `sync_record_deletion` (whoever deletes: the API, a
 * cascade, an operator's SQL), read by the `deletions` feed.
 */
@Entity({ tableName: 'deletion' })
@Index({ name: 'deletion_deleted_at_id_index', properties: ['deletedAt', 'id'] })
export class Deletion {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** The GraphQL type name of the deleted object. */
  @Property({ type: 'string', length: 60 })
  typeName!: string;

  @Property({ type: 'bigint' })
  objectId!: string;

  @Property({ type: 'datetime', defaultRaw: 'clock_timestamp()' })
  deletedAt!: Date;
}
