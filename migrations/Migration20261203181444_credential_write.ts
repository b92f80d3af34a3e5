import { Migration } from '@mikro-orm/migrations';

export class Migration20261203181444_credential_write extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unlogged table "credential_write" ("credential_id" text not null, "lsn" text not null, "written_at" timestamptz not null, constraint "credential_write_pkey" primary key ("credential_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credential_write" cascade;`);
  }

}
