import { Migration } from '@mikro-orm/migrations';

export class Migration20261122174831_monitoring extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "monitoring_period" as enum ('JAAR', 'H1', 'H2');`);
    this.addSql(`create type "monitoring_submission_status" as enum ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'REJECTED');`);
    this.addSql(`create type "monitoring_submission_event_kind" as enum ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'REOPENED', 'RETURNED_TO_DRAFT');`);
    this.addSql(`create type "zn_import_channel" as enum ('GRAPHQL_UPLOAD', 'STAGED_UPLOAD', 'CLI');`);
    this.addSql(`create type "zn_staged_upload_state" as enum ('PENDING', 'RECEIVING', 'RECEIVED', 'COMMITTED');`);
    this.addSql(`create type "coordination_condition_code" as enum ('CONTRACT_PREVIOUS_YEAR', 'MINIMUM_FUNCTIONALITIES', 'MONITORING', 'REGIONAL_AGREEMENTS', 'CASE_TABLES', 'REACHABLE_FOR_OTHER_FUNCTIONS');`);
    this.addSql(`create table "provider_elv_beds" ("id" serial primary key, "provider_id" int not null, "beds" int not null, constraint provider_elv_beds_not_negative check (beds >= 0));`);
    this.addSql(`alter table "provider_elv_beds" add constraint "provider_elv_beds_provider_id_unique" unique ("provider_id");`);

    this.addSql(`create table "monitoring_submission" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provider_id" int not null, "year" smallint not null, "period" "monitoring_period" not null, "status" "monitoring_submission_status" not null, "version" int not null, "figures_hash" varchar(32) not null, "rejection_reason" text null, "submitted_at" timestamptz null, "reviewed_at" timestamptz null, "reviewed_by_id" int null, "reviewed_by_subject" varchar(200) null, constraint monitoring_submission_version_positive check (version >= 1));`);
    this.addSql(`create index "monitoring_submission_year_period_index" on "monitoring_submission" ("year", "period");`);
    this.addSql(`alter table "monitoring_submission" add constraint "monitoring_submission_provider_id_year_period_unique" unique ("provider_id", "year", "period");`);

    this.addSql(`create table "monitoring_submission_version" ("id" serial primary key, "submission_id" int not null, "version" int not null, "figures" text not null, "figures_hash" varchar(32) not null, "import_id" int null, "created_at" timestamptz not null default now(), "created_by" varchar(200) not null);`);
    this.addSql(`alter table "monitoring_submission_version" add constraint "monitoring_submission_version_submission_id_version_unique" unique ("submission_id", "version");`);

    this.addSql(`create table "monitoring_submission_event" ("id" serial primary key, "submission_id" int not null, "occurred_at" timestamptz not null default now(), "kind" "monitoring_submission_event_kind" not null, "from_status" "monitoring_submission_status" not null, "to_status" "monitoring_submission_status" not null, "version" int not null, "actor_kind" "organisation_kind" not null, "actor_code" varchar(20) not null, "actor_subject" varchar(200) not null, "reason" text null);`);
    this.addSql(`create index "monitoring_submission_event_submission_id_index" on "monitoring_submission_event" ("submission_id");`);

    this.addSql(`create table "monitoring_import" ("id" serial primary key, "created_at" timestamptz not null default now(), "provider_id" int null, "organisation_code" varchar(20) not null, "uploaded_by" varchar(200) not null, "channel" "zn_import_channel" not null, "idempotency_key" varchar(200) null, "content_sha256" varchar(64) not null, "summary" jsonb not null);`);
    this.addSql(`create index "monitoring_import_provider_id_index" on "monitoring_import" ("provider_id");`);
    this.addSql(`create index "monitoring_import_content_sha256_index" on "monitoring_import" ("content_sha256");`);
    this.addSql(`alter table "monitoring_import" add constraint "monitoring_import_organisation_code_idempotency_key_unique" unique ("organisation_code", "idempotency_key");`);

    this.addSql(`create table "monitoring_staged_upload" ("id" serial primary key, "public_id" varchar(43) not null, "token_hash" varchar(64) not null, "provider_id" int not null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "filename" varchar(255) null, "state" "zn_staged_upload_state" not null default 'PENDING', "byte_size" bigint null, "content_sha256" varchar(64) null, "idempotency_key" varchar(200) null, "import_id" int null);`);
    this.addSql(`alter table "monitoring_staged_upload" add constraint "monitoring_staged_upload_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "monitoring_staged_upload_expires_at_index" on "monitoring_staged_upload" ("expires_at");`);

    this.addSql(`create table "coordination_signatory" ("id" serial primary key, "coordination_function_id" int not null, "year" smallint not null, "signatory_id" int not null, "signed_on" date not null);`);
    this.addSql(`create index "coordination_signatory_signatory_id_index" on "coordination_signatory" ("signatory_id");`);
    this.addSql(`alter table "coordination_signatory" add constraint "coordination_signatory_coordination_function_id_y_09fce_unique" unique ("coordination_function_id", "year", "signatory_id");`);

    this.addSql(`create table "coordination_condition" ("id" serial primary key, "provider_id" int not null, "year" smallint not null, "condition" "coordination_condition_code" not null, "met" boolean not null, "evidence_note" text not null, "evidence_date" date not null, "recorded_by_id" int not null, "recorded_by_subject" varchar(200) not null, "recorded_at" timestamptz not null default now());`);
    this.addSql(`alter table "coordination_condition" add constraint "coordination_condition_provider_id_year_condition_unique" unique ("provider_id", "year", "condition");`);

    this.addSql(`create table "monitoring_deadline" ("id" serial primary key, "year" smallint not null, "due_on" date null, "milestone_id" int null, "set_by" varchar(200) not null, "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "monitoring_deadline" add constraint "monitoring_deadline_year_unique" unique ("year");`);

    this.addSql(`alter table "provider_elv_beds" add constraint "provider_elv_beds_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);

    this.addSql(`alter table "monitoring_submission" add constraint "monitoring_submission_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "monitoring_submission" add constraint "monitoring_submission_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "insurer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "monitoring_submission_version" add constraint "monitoring_submission_version_submission_id_foreign" foreign key ("submission_id") references "monitoring_submission" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "monitoring_submission_event" add constraint "monitoring_submission_event_submission_id_foreign" foreign key ("submission_id") references "monitoring_submission" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "monitoring_import" add constraint "monitoring_import_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "monitoring_staged_upload" add constraint "monitoring_staged_upload_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "monitoring_staged_upload" add constraint "monitoring_staged_upload_import_id_foreign" foreign key ("import_id") references "monitoring_import" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "coordination_signatory" add constraint "coordination_signatory_coordination_function_id_foreign" foreign key ("coordination_function_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "coordination_signatory" add constraint "coordination_signatory_signatory_id_foreign" foreign key ("signatory_id") references "provider" ("id") on update cascade;`);

    this.addSql(`alter table "coordination_condition" add constraint "coordination_condition_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "coordination_condition" add constraint "coordination_condition_recorded_by_id_foreign" foreign key ("recorded_by_id") references "insurer" ("id") on update cascade;`);

    this.addSql(`alter table "monitoring_deadline" add constraint "monitoring_deadline_milestone_id_foreign" foreign key ("milestone_id") references "policy_milestone" ("id") on update cascade on delete set null;`);

    // Hand-written: a version and a history entry are never changed once written; a change makes a new one.
    this.addSql(`create function monitoring_refuse_update() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are never changed: a change of figures or status adds a new row', tg_table_name;
      end $$;`);
    this.addSql(`create trigger monitoring_submission_version_no_update before update on "monitoring_submission_version" for each row execute function monitoring_refuse_update();`);
    this.addSql(`create trigger monitoring_submission_event_no_update before update on "monitoring_submission_event" for each row execute function monitoring_refuse_update();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists monitoring_submission_version_no_update on "monitoring_submission_version";`);
    this.addSql(`drop trigger if exists monitoring_submission_event_no_update on "monitoring_submission_event";`);
    this.addSql(`drop function if exists monitoring_refuse_update();`);

    this.addSql(`alter table "monitoring_submission_version" drop constraint "monitoring_submission_version_submission_id_foreign";`);

    this.addSql(`alter table "monitoring_submission_event" drop constraint "monitoring_submission_event_submission_id_foreign";`);

    this.addSql(`alter table "monitoring_staged_upload" drop constraint "monitoring_staged_upload_import_id_foreign";`);

    this.addSql(`drop table if exists "provider_elv_beds" cascade;`);

    this.addSql(`drop table if exists "monitoring_submission" cascade;`);

    this.addSql(`drop table if exists "monitoring_submission_version" cascade;`);

    this.addSql(`drop table if exists "monitoring_submission_event" cascade;`);

    this.addSql(`drop table if exists "monitoring_import" cascade;`);

    this.addSql(`drop table if exists "monitoring_staged_upload" cascade;`);

    this.addSql(`drop table if exists "coordination_signatory" cascade;`);

    this.addSql(`drop table if exists "coordination_condition" cascade;`);

    this.addSql(`drop table if exists "monitoring_deadline" cascade;`);

    this.addSql(`drop type "monitoring_period";`);
    this.addSql(`drop type "monitoring_submission_status";`);
    this.addSql(`drop type "monitoring_submission_event_kind";`);
    this.addSql(`drop type "zn_import_channel";`);
    this.addSql(`drop type "zn_staged_upload_state";`);
    this.addSql(`drop type "coordination_condition_code";`);
  }

}
