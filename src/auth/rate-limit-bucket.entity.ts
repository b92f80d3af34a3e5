import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The budget of one key (a credential, a source address) in its current one-minute window, shared by every
 * instance on the database. Written only by RateLimiter's single upsert; the table is UNLOGGED (see its migration).
 */
@Entity({ tableName: 'rate_limit_bucket' })
export class RateLimitBucket {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'datetime', index: true })
  windowStart!: Date;

  @Property({ type: 'bigint' })
  used!: number;

  /** Whether the last charge fitted; the upsert reports it back in the same statement. */
  @Property({ type: 'boolean' })
  allowed!: boolean;
}
