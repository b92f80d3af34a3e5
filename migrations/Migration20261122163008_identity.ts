import { Migration } from '@mikro-orm/migrations';

export class Migration20261122163008_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "audit_kind" as enum ('MUTATION', 'READ', 'CLI');`);
    this.addSql(`create type "organisation_kind" as enum ('OPERATOR', 'INSURER', 'PROVIDER');`);
    this.addSql(`create type "audit_outcome" as enum ('SUCCESS', 'REJECTED', 'DENIED', 'ERROR');`);
    this.addSql(`create type "role" as enum ('OPERATOR_ADMIN', 'INSURER_ADMIN', 'INSURER_MEMBER', 'PROVIDER_ADMIN', 'PROVIDER_SUBMITTER', 'DASHBOARD');`);
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "request_id" varchar(100) not null, "kind" "audit_kind" not null, "organisation_kind" "organisation_kind" not null, "organisation_code" varchar(20) not null, "subject" varchar(200) not null, "operation" varchar(100) not null, "object_ids" text[] not null, "outcome" "audit_outcome" not null, "owner_insurer_ids" integer[] not null, "owner_provider_ids" integer[] not null);`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(`create index "audit_event_owner_insurer_ids_index" on "audit_event" using gin ("owner_insurer_ids");`);
    this.addSql(`create index "audit_event_owner_provider_ids_index" on "audit_event" using gin ("owner_provider_ids");`);
    // The audit log is append-only: no interface of the API changes it, and the database refuses to as well.
    this.addSql(`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % is not allowed', tg_op;
      end $$;`);
    this.addSql(`create trigger audit_event_no_change before update or delete on "audit_event"
      for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on "audit_event"
      for each statement execute function audit_event_append_only();`);

    this.addSql(`create table "api_token" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "prefix" varchar(20) not null, "secret_hash" varchar(64) not null, "organisation_kind" "organisation_kind" not null, "insurer_id" int null, "provider_id" int null, "role" "role" not null, "label" varchar(200) not null, "expires_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "created_by" varchar(200) not null);`);
    this.addSql(`alter table "api_token" add constraint "api_token_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_token_provider_id_index" on "api_token" ("provider_id");`);
    this.addSql(`create index "api_token_insurer_id_index" on "api_token" ("insurer_id");`);

    this.addSql(`alter table "api_token" add constraint "api_token_insurer_id_foreign" foreign key ("insurer_id") references "insurer" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "api_token" add constraint "api_token_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop function if exists audit_event_append_only();`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop type "audit_kind";`);
    this.addSql(`drop type "organisation_kind";`);
    this.addSql(`drop type "audit_outcome";`);
    this.addSql(`drop type "role";`);
  }

}
