import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170235_shared_limits_and_staged_bytes extends Migration {

  override async up(): Promise<void> {
    // Hand-written UNLOGGED: a budget is worth no WAL; a database crash empties the table, which only refills budgets.
    this.addSql(`create unlogged table "rate_limit_bucket" ("key" text not null, "window_start" timestamptz not null, "used" bigint not null, "allowed" boolean not null, constraint "rate_limit_bucket_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_limit_bucket_window_start_index" on "rate_limit_bucket" ("window_start");`);

    this.addSql(`create table "monitoring_staged_upload_chunk" ("upload_id" int not null, "seq" int not null, "data" bytea not null, constraint "monitoring_staged_upload_chunk_pkey" primary key ("upload_id", "seq"));`);

    this.addSql(`alter table "monitoring_staged_upload_chunk" add constraint "monitoring_staged_upload_chunk_upload_id_foreign" foreign key ("upload_id") references "monitoring_staged_upload" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "monitoring_staged_upload" add column "credential_id" text null;`);
    // Hand-written: files received before this migration sat in a staging directory that is no longer read; their
    // uploads wait for the file again (a PUT of a PENDING upload is allowed).
    this.addSql(`update "monitoring_staged_upload" set "state" = 'PENDING', "byte_size" = null, "content_sha256" = null where "state" in ('RECEIVING', 'RECEIVED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit_bucket" cascade;`);

    this.addSql(`drop table if exists "monitoring_staged_upload_chunk" cascade;`);

    this.addSql(`alter table "monitoring_staged_upload" drop column "credential_id";`);
  }

}
