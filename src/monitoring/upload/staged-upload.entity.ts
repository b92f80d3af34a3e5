import { OptionalProps, Entity, Enum, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Provider } from '../../provider/provider.entity';
import { MonitoringImport } from './import.entity';

export enum StagedUploadState {
  /** Waiting for the PUT. */
  PENDING = 'PENDING',
  /**
   * Set by earlier versions while a PUT streamed to a file. A PUT now writes in one transaction that a crash rolls
   * back, so the state is never set; a row left in it is treated as PENDING.
   */
  RECEIVING = 'RECEIVING',
  /** The file's bytes are stored (monitoring_staged_upload_chunk), waiting for its commit. */
  RECEIVED = 'RECEIVED',
  /** Committed (not as a dry run); the file is gone, the import answers a repeated commit. */
  COMMITTED = 'COMMITTED',
}

/** A large file on its way in: created by a mutation, filled by a PUT, imported by a second mutation. */
@Entity({ tableName: 'monitoring_staged_upload' })
export class MonitoringStagedUpload {
  [OptionalProps]?: 'state' | 'filename' | 'byteSize' | 'contentSha256' | 'idempotencyKey' | 'import' | 'credentialId';

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

  /** The credential that started the upload: its PUTs are charged to that credential's PUT budget. */
  @Property({ type: 'text', nullable: true })
  credentialId: string | null = null;

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

/** One piece (at most STAGED_CHUNK_BYTES) of a staged file, in order: any instance can commit what another received. */
@Entity({ tableName: 'monitoring_staged_upload_chunk' })
export class MonitoringStagedUploadChunk {
  @ManyToOne(() => MonitoringStagedUpload, { primary: true, deleteRule: 'cascade' })
  upload!: MonitoringStagedUpload;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'blob' })
  data!: Buffer;
}
