import { Migration } from '@mikro-orm/migrations';

export class Migration20261122165048_contracts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "revenue_period_kind" as enum ('MONTH', 'QUARTER');`);
    this.addSql(`create table "contract_revenue" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "contract_id" int not null, "period_kind" "revenue_period_kind" not null, "year" smallint not null, "number" smallint not null, "period_start" date not null, "period_end" date not null, "amount" numeric(14,2) not null, "version" int not null, "reported_by_kind" "organisation_kind" not null, "reported_by_code" varchar(20) not null, "reported_by_subject" varchar(200) not null, "note" text not null default '', constraint contract_revenue_period check (period_end >= period_start), constraint contract_revenue_version check (version >= 1), constraint contract_revenue_amount check (amount >= 0));`);
    this.addSql(`create index "contract_revenue_contract_id_year_index" on "contract_revenue" ("contract_id", "year");`);
    this.addSql(`alter table "contract_revenue" add constraint "contract_revenue_contract_id_period_start_version_unique" unique ("contract_id", "period_start", "version");`);

    this.addSql(`alter table "contract_revenue" add constraint "contract_revenue_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade;`);

    this.addSql(`alter table "representation_agreement" drop constraint "representation_agreement_second_insurer_id_foreign";`);

    this.addSql(`alter table "representation_agreement" alter column "second_insurer_id" type int using ("second_insurer_id"::int);`);
    this.addSql(`alter table "representation_agreement" alter column "second_insurer_id" drop not null;`);
    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_second_insurer_id_foreign" foreign key ("second_insurer_id") references "insurer" ("id") on update cascade on delete set null;`);

    // Hand-written: reported revenue is history. A correction is a new version, so no row may change or vanish.
    this.addSql(`create function contract_revenue_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'contract_revenue is append-only: report a corrected version instead';
      end $$;`);
    this.addSql(`create trigger contract_revenue_no_change before update or delete on "contract_revenue"
      for each row execute function contract_revenue_append_only();`);

    // Hand-written data fix: for coordination functions the preferred insurer decides alone (seed 002), so the
    // agreements seeded from it lose the second insurer they were first given. Only seeded rows are touched.
    this.addSql(`update "representation_agreement" ra set "second_insurer_id" = null
      from "segment" s
      where s.id = ra.segment_id and s.code = 'COORDINATION' and ra.notes like '%(source: 002_cf696d827bfa3592.txt)';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "contract_revenue" cascade;`);
    this.addSql(`drop function if exists contract_revenue_append_only();`);

    this.addSql(`alter table "representation_agreement" drop constraint "representation_agreement_second_insurer_id_foreign";`);

    this.addSql(`alter table "representation_agreement" alter column "second_insurer_id" type int4 using ("second_insurer_id"::int4);`);
    this.addSql(`delete from "representation_agreement" where "second_insurer_id" is null;`);
    this.addSql(`alter table "representation_agreement" alter column "second_insurer_id" set not null;`);
    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_second_insurer_id_foreign" foreign key ("second_insurer_id") references "insurer" ("id") on update cascade on delete no action;`);

    this.addSql(`drop type "revenue_period_kind";`);
  }

}
