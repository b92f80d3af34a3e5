import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The primary's WAL position after a credential's last mutation, shared by every instance: that credential's
 * reads go to a replica only once the replica has replayed past it (read-your-writes). UNLOGGED (see its
 * migration): after a crash of PostgreSQL every replica restarts from the primary anyway.
 */
@Entity({ tableName: 'credential_write' })
export class CredentialWrite {
  @PrimaryKey({ type: 'text' })
  credentialId!: string;

  /** pg_lsn as text ("16/B374D848"). */
  @Property({ type: 'text' })
  lsn!: string;

  @Property({ type: 'datetime' })
  writtenAt!: Date;
}
