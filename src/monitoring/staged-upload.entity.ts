import { OptionalProps, Entity, Enum, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Provider } from '../provider/provider.entity';
import { MonitoringImport } from './import.entity';

export enum StagedUploadState {
  /** Waiting for the PUT. */
  PENDING = 'PENDING',
  /** A PUT is streaming the file in. */
  RECEIVING = 'RECEIVING',
  /** The file is in the staging directory, waiting for its commit. */
  RECEIVED = 'RECEIVED',
  /** Committed (not as a dry run); the file is gone, the import answers a repeated commit. */
  COMMITTED = 'COMMITTED',
}

/** A large file on its way in: created by a mutation, filled by a PUT, imported by a second mutation. */
@Entity({ tableName: 'monitoring_staged_upload' })
export class MonitoringStagedUpload {
  [OptionalProps]?: 'state' | 'filename' | 'byteSize' | 'contentSha256' | 'idempotencyKey' | 'import';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Random, in the upload URL; the database id never leaves the server. */
  @Property({ type: 'string', length: 43, unique: true })
  publicId!: string;

  /** SHA-256 of the upload token that the PUT must carry. */
  @Property({ type: 'string', length: 64 })
  tokenHash!: string;

  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @Property({ type: 'string', length: 200 })
  createdBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', index: true })
  expiresAt!: Date;

  @Property({ type: 'string', length: 255, nullable: true })
  filename: string | null = null;

  @Enum({ items: () => StagedUploadState, nativeEnumName: 'zn_staged_upload_state' })
  state: StagedUploadState = StagedUploadState.PENDING;

  @Property({ type: 'bigint', nullable: true })
  byteSize: number | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  contentSha256: string | null = null;

  /** The Idempotency-Key header of the PUT, used when the commit names none. */
  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey: string | null = null;

  @ManyToOne(() => MonitoringImport, { ref: true, nullable: true, deleteRule: 'set null' })
  import: Ref<MonitoringImport> | null = null;
}
