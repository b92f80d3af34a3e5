import { Migration } from '@mikro-orm/migrations';

export class Migration20261122173758_kpi extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "kpi_unit" as enum ('PERCENT');`);
    this.addSql(`create type "kpi_direction" as enum ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');`);
    this.addSql(`create type "kpi_scoring" as enum ('PROPORTION', 'REDUCTION');`);
    this.addSql(`create type "kpi_measurement_kind" as enum ('HYBRID_PATHWAYS', 'PHYSICAL_CONTACTS', 'TELEMONITORING', 'COUNTS');`);
    this.addSql(`create type "kpi_definition_status" as enum ('CATALOGUE', 'PROPOSED', 'APPROVED', 'REJECTED');`);
    this.addSql(`create type "kpi_period_kind" as enum ('MONTH', 'QUARTER', 'YEAR');`);
    this.addSql(`create type "kpi_obligation" as enum ('BEST_EFFORT', 'RESULT');`);
    this.addSql(`create type "kpi_obligation_source" as enum ('DERIVED', 'OVERRIDDEN');`);
    this.addSql(`create type "telemonitoring_variant" as enum ('VARIANT_I', 'VARIANT_II');`);
    this.addSql(`create type "telemonitoring_population" as enum ('HEART_FAILURE', 'COPD', 'IBD', 'HYPERTENSION', 'ONCOLOGY', 'ATRIAL_FIBRILLATION', 'ASTHMA', 'OTHER');`);
    this.addSql(`create table "kpi" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(40) not null, "name" varchar(200) not null, "description" text not null, "unit" "kpi_unit" not null, "direction" "kpi_direction" not null, "scoring" "kpi_scoring" not null, "measurement_kind" "kpi_measurement_kind" not null, "target_value" numeric(9,2) not null, "target_date" date not null, "needs_baseline" boolean not null, "source" varchar(200) not null, "status" "kpi_definition_status" not null, "numerator_description" text not null, "denominator_description" text not null, "proposed_by_id" int null, "proposed_to_id" int null, "proposal_year" smallint null, "review_reason" text null, "reviewed_at" timestamptz null);`);
    this.addSql(`alter table "kpi" add constraint "kpi_code_unique" unique ("code");`);
    this.addSql(`create index "kpi_proposed_by_id_index" on "kpi" ("proposed_by_id");`);
    this.addSql(`create index "kpi_proposed_to_id_index" on "kpi" ("proposed_to_id");`);

    this.addSql(`create table "kpi_target" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "insurer_id" int not null, "provider_id" int not null, "kpi_id" int not null, "year" smallint not null, "target_value" numeric(9,2) not null, "target_date" date not null, "baseline_kind" "kpi_period_kind" null, "baseline_start" date null, "baseline_end" date null, "obligation" "kpi_obligation" not null, "derived_obligation" "kpi_obligation" not null, "derived_reason" text not null, "obligation_source" "kpi_obligation_source" not null, "override_reason" text null, "changed_by" varchar(200) not null, constraint kpi_target_override_reason check ((obligation_source = 'DERIVED') = (override_reason is null)), constraint kpi_target_baseline_complete check ((baseline_kind is null) = (baseline_start is null) and (baseline_start is null) = (baseline_end is null)));`);
    this.addSql(`create index "kpi_target_provider_id_kpi_id_index" on "kpi_target" ("provider_id", "kpi_id");`);
    this.addSql(`create index "kpi_target_kpi_id_year_provider_id_index" on "kpi_target" ("kpi_id", "year", "provider_id");`);
    this.addSql(`alter table "kpi_target" add constraint "kpi_target_insurer_id_provider_id_kpi_id_year_unique" unique ("insurer_id", "provider_id", "kpi_id", "year");`);

    this.addSql(`create table "kpi_measurement" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provider_id" int not null, "kpi_id" int not null, "period_kind" "kpi_period_kind" not null, "period_start" date not null, "period_end" date not null, "version" smallint not null, "current" boolean not null, "numerator" int not null, "denominator" int null, "variant" "telemonitoring_variant" null, "note" text null, "submitted_by" varchar(200) not null, "superseded_at" timestamptz null, constraint kpi_measurement_period check (period_end >= period_start and extract(day from period_start) = 1), constraint kpi_measurement_counts check (numerator >= 0 and (denominator is null or denominator >= 0)));`);
    this.addSql(`create unique index "kpi_measurement_current_unique" on "kpi_measurement" ("provider_id", "kpi_id", "period_kind", "period_start") include ("period_end", "numerator", "denominator") where "current";`);
    this.addSql(`alter table "kpi_measurement" add constraint "kpi_measurement_provider_id_kpi_id_period_kind_pe_3ddfc_unique" unique ("provider_id", "kpi_id", "period_kind", "period_start", "version");`);

    this.addSql(`create table "kpi_measurement_population" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "measurement_id" int not null, "position" smallint not null, "population" "telemonitoring_population" not null, "other_name" varchar(200) null, "telemonitored" int not null, "in_population" int not null, constraint kpi_population_counts check (telemonitored >= 0 and telemonitored <= in_population));`);
    this.addSql(`alter table "kpi_measurement_population" add constraint "kpi_measurement_population_measurement_id_position_unique" unique ("measurement_id", "position");`);

    this.addSql(`alter table "kpi" add constraint "kpi_proposed_by_id_foreign" foreign key ("proposed_by_id") references "provider" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "kpi" add constraint "kpi_proposed_to_id_foreign" foreign key ("proposed_to_id") references "insurer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "kpi_target" add constraint "kpi_target_insurer_id_foreign" foreign key ("insurer_id") references "insurer" ("id") on update cascade;`);
    this.addSql(`alter table "kpi_target" add constraint "kpi_target_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "kpi_target" add constraint "kpi_target_kpi_id_foreign" foreign key ("kpi_id") references "kpi" ("id") on update cascade;`);

    this.addSql(`alter table "kpi_measurement" add constraint "kpi_measurement_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "kpi_measurement" add constraint "kpi_measurement_kpi_id_foreign" foreign key ("kpi_id") references "kpi" ("id") on update cascade;`);

    this.addSql(`alter table "kpi_measurement_population" add constraint "kpi_measurement_population_measurement_id_foreign" foreign key ("measurement_id") references "kpi_measurement" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "kpi_target" drop constraint "kpi_target_kpi_id_foreign";`);

    this.addSql(`alter table "kpi_measurement" drop constraint "kpi_measurement_kpi_id_foreign";`);

    this.addSql(`alter table "kpi_measurement_population" drop constraint "kpi_measurement_population_measurement_id_foreign";`);

    this.addSql(`drop table if exists "kpi" cascade;`);

    this.addSql(`drop table if exists "kpi_target" cascade;`);

    this.addSql(`drop table if exists "kpi_measurement" cascade;`);

    this.addSql(`drop table if exists "kpi_measurement_population" cascade;`);

    this.addSql(`drop type "kpi_unit";`);
    this.addSql(`drop type "kpi_direction";`);
    this.addSql(`drop type "kpi_scoring";`);
    this.addSql(`drop type "kpi_measurement_kind";`);
    this.addSql(`drop type "kpi_definition_status";`);
    this.addSql(`drop type "kpi_period_kind";`);
    this.addSql(`drop type "kpi_obligation";`);
    this.addSql(`drop type "kpi_obligation_source";`);
    this.addSql(`drop type "telemonitoring_variant";`);
    this.addSql(`drop type "telemonitoring_population";`);
  }

}
