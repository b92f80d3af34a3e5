import { Migration } from '@mikro-orm/migrations';

export class Migration20261203184125_ceiling_procedure extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "ceiling_procedure_kind" as enum ('ZG_THREAT_REPORT', 'MSZ_REDIRECT_REQUEST');`);
    this.addSql(`create type "ceiling_procedure_status" as enum ('DRAFT', 'SUBMITTED', 'MEETING_HELD', 'ALL_INFORMATION_RECEIVED', 'DECIDED');`);
    this.addSql(`create type "ceiling_procedure_decision" as enum ('ADDITIONAL_AGREEMENT', 'NO_ADDITIONAL_AGREEMENT');`);
    this.addSql(`create table "ceiling_procedure" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "contract_id" int not null, "year" int not null, "kind" "ceiling_procedure_kind" not null, "status" "ceiling_procedure_status" not null, "explanation" text not null default '', "forecast_amount" numeric(14,2) null, "forecast_basis" text not null default '', "growth_plans" text not null default '', "care_concerned" text not null default '', "redirect_requested" boolean not null default false, "protected_care_room_kept" boolean not null default false, "submitted_on" date null, "meeting_on" date null, "information_complete_on" date null, "decision" "ceiling_procedure_decision" null, "patients_redirected" boolean null, "decision_note" text not null default '', "decided_on" date null, constraint ceiling_procedure_forecast check (forecast_amount is null or forecast_amount >= 0));`);
    this.addSql(`alter table "ceiling_procedure" add constraint "ceiling_procedure_contract_id_year_unique" unique ("contract_id", "year");`);

    this.addSql(`alter table "ceiling_procedure" add constraint "ceiling_procedure_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ceiling_procedure" cascade;`);

    this.addSql(`drop type "ceiling_procedure_kind";`);
    this.addSql(`drop type "ceiling_procedure_status";`);
    this.addSql(`drop type "ceiling_procedure_decision";`);
  }

}
