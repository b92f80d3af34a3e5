import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Key-value facts about the database itself, such as when it was seeded, so start-up seeds only once. */
@Entity({ tableName: 'app_meta' })
export class AppMeta {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
