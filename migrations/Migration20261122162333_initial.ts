import { Migration } from '@mikro-orm/migrations';

export class Migration20261122162333_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "region_kind" as enum ('AMBULANCE');`);
    this.addSql(`create type "provider_kind" as enum ('RAV', 'HOSPITAL', 'INDEPENDENT_CLINIC', 'COORDINATION_FUNCTION', 'ZG_PROVIDER', 'OTHER');`);
    this.addSql(`create type "milestone_kind" as enum ('PUBLICATION', 'REGISTRATION', 'OBJECTION', 'INFORMATION_REQUEST', 'NEGOTIATION', 'OFFER', 'SIGNING', 'CONTRACTED_CARE_VISIBLE', 'CONTRACT_START', 'SETTLEMENT', 'OTHER');`);
    this.addSql(`create table "app_meta" ("key" varchar(100) not null, "value" text not null, "updated_at" timestamptz not null default now(), constraint "app_meta_pkey" primary key ("key"));`);

    this.addSql(`create table "concern" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(40) not null, "name" varchar(200) not null);`);
    this.addSql(`alter table "concern" add constraint "concern_code_unique" unique ("code");`);

    this.addSql(`create table "insurer" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "uzovi" varchar(4) not null, "name" varchar(200) not null, "concern_id" int not null);`);
    this.addSql(`alter table "insurer" add constraint "insurer_uzovi_unique" unique ("uzovi");`);
    this.addSql(`create index "insurer_concern_id_index" on "insurer" ("concern_id");`);

    this.addSql(`create table "region" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kind" "region_kind" not null, "code" varchar(10) not null, "name" varchar(200) not null);`);
    this.addSql(`alter table "region" add constraint "region_kind_code_unique" unique ("kind", "code");`);

    this.addSql(`create table "provider" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "agb" varchar(8) not null, "kvk" varchar(8) not null, "name" varchar(200) not null, "kind" "provider_kind" not null, "region_id" int null);`);
    this.addSql(`alter table "provider" add constraint "provider_agb_unique" unique ("agb");`);
    this.addSql(`create index "provider_kvk_index" on "provider" ("kvk");`);
    this.addSql(`create index "provider_kind_index" on "provider" ("kind");`);
    this.addSql(`create index "provider_region_id_index" on "provider" ("region_id");`);

    this.addSql(`create table "market_share" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "insurer_id" int not null, "region_id" int not null, "year" smallint not null, "share_percent" numeric(5,2) not null, constraint market_share_percent_range check (share_percent >= 0 and share_percent <= 100));`);
    this.addSql(`create index "market_share_region_id_index" on "market_share" ("region_id");`);
    this.addSql(`alter table "market_share" add constraint "market_share_insurer_id_region_id_year_unique" unique ("insurer_id", "region_id", "year");`);

    this.addSql(`create table "segment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(40) not null, "name" varchar(200) not null, "description" text not null default '', "representation" boolean not null default false);`);
    this.addSql(`alter table "segment" add constraint "segment_code_unique" unique ("code");`);

    this.addSql(`create table "purchasing_policy" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "insurer_id" int not null, "segment_id" int not null, "first_year" smallint not null, "last_year" smallint not null, "published_on" date not null, "contract_term_years" smallint not null, "title" varchar(300) not null, "source_document" varchar(200) not null, "summary" text not null default '', constraint purchasing_policy_years check (last_year >= first_year and contract_term_years between 1 and 5));`);
    this.addSql(`create index "purchasing_policy_segment_id_index" on "purchasing_policy" ("segment_id");`);
    this.addSql(`alter table "purchasing_policy" add constraint "purchasing_policy_insurer_id_segment_id_first_year_unique" unique ("insurer_id", "segment_id", "first_year");`);

    this.addSql(`create table "policy_milestone" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "policy_id" int not null, "date" date not null, "kind" "milestone_kind" not null, "description" text not null);`);
    this.addSql(`create index "policy_milestone_policy_id_index" on "policy_milestone" ("policy_id");`);
    this.addSql(`create index "policy_milestone_date_index" on "policy_milestone" ("date");`);

    this.addSql(`alter table "insurer" add constraint "insurer_concern_id_foreign" foreign key ("concern_id") references "concern" ("id") on update cascade;`);

    this.addSql(`alter table "provider" add constraint "provider_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "market_share" add constraint "market_share_insurer_id_foreign" foreign key ("insurer_id") references "insurer" ("id") on update cascade;`);
    this.addSql(`alter table "market_share" add constraint "market_share_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`);

    this.addSql(`alter table "purchasing_policy" add constraint "purchasing_policy_insurer_id_foreign" foreign key ("insurer_id") references "insurer" ("id") on update cascade;`);
    this.addSql(`alter table "purchasing_policy" add constraint "purchasing_policy_segment_id_foreign" foreign key ("segment_id") references "segment" ("id") on update cascade;`);

    this.addSql(`alter table "policy_milestone" add constraint "policy_milestone_policy_id_foreign" foreign key ("policy_id") references "purchasing_policy" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "insurer" drop constraint "insurer_concern_id_foreign";`);

    this.addSql(`alter table "market_share" drop constraint "market_share_insurer_id_foreign";`);

    this.addSql(`alter table "purchasing_policy" drop constraint "purchasing_policy_insurer_id_foreign";`);

    this.addSql(`alter table "provider" drop constraint "provider_region_id_foreign";`);

    this.addSql(`alter table "market_share" drop constraint "market_share_region_id_foreign";`);

    this.addSql(`alter table "purchasing_policy" drop constraint "purchasing_policy_segment_id_foreign";`);

    this.addSql(`alter table "policy_milestone" drop constraint "policy_milestone_policy_id_foreign";`);

    this.addSql(`drop table if exists "app_meta" cascade;`);

    this.addSql(`drop table if exists "concern" cascade;`);

    this.addSql(`drop table if exists "insurer" cascade;`);

    this.addSql(`drop table if exists "region" cascade;`);

    this.addSql(`drop table if exists "provider" cascade;`);

    this.addSql(`drop table if exists "market_share" cascade;`);

    this.addSql(`drop table if exists "segment" cascade;`);

    this.addSql(`drop table if exists "purchasing_policy" cascade;`);

    this.addSql(`drop table if exists "policy_milestone" cascade;`);

    this.addSql(`drop type "region_kind";`);
    this.addSql(`drop type "provider_kind";`);
    this.addSql(`drop type "milestone_kind";`);
  }

}
