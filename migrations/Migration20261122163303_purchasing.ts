import { Migration } from '@mikro-orm/migrations';

export class Migration20261122163303_purchasing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "contract_status" as enum ('OFFERED', 'SIGNED', 'TERMINATED');`);
    this.addSql(`create type "tariff_basis" as enum ('NZA_TARIFF', 'PRICE_VOLUME', 'BUDGET', 'OTHER');`);
    this.addSql(`create type "ceiling_kind" as enum ('BUDGET', 'REVENUE_CEILING', 'SUB_CEILING', 'NONE');`);
    this.addSql(`create table "representation_agreement" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "segment_id" int not null, "region_id" int not null, "year" smallint not null, "lead_insurer_id" int not null, "second_insurer_id" int not null, "basis" text not null default '', "notes" text not null default '', constraint representation_two_insurers check (lead_insurer_id <> second_insurer_id));`);
    this.addSql(`create index "representation_agreement_region_id_index" on "representation_agreement" ("region_id");`);
    this.addSql(`create index "representation_agreement_lead_insurer_id_index" on "representation_agreement" ("lead_insurer_id");`);
    this.addSql(`create index "representation_agreement_second_insurer_id_index" on "representation_agreement" ("second_insurer_id");`);
    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_segment_id_region_id_year_unique" unique ("segment_id", "region_id", "year");`);

    this.addSql(`create table "contract" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "insurer_id" int not null, "provider_id" int not null, "segment_id" int not null, "agreement_id" int null, "term_start" date not null, "term_end" date not null, "status" "contract_status" not null, "tariff_basis" "tariff_basis" not null, "ceiling_kind" "ceiling_kind" not null, "ceiling_amount" numeric(14,2) null, "obligations" text not null default '', constraint contract_ceiling_amount check (ceiling_amount is null or ceiling_amount >= 0), constraint contract_term check (term_end >= term_start));`);
    this.addSql(`create index "contract_agreement_id_index" on "contract" ("agreement_id");`);
    this.addSql(`create index "contract_insurer_id_segment_id_index" on "contract" ("insurer_id", "segment_id");`);
    this.addSql(`create index "contract_provider_id_segment_id_index" on "contract" ("provider_id", "segment_id");`);

    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_segment_id_foreign" foreign key ("segment_id") references "segment" ("id") on update cascade;`);
    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`);
    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_lead_insurer_id_foreign" foreign key ("lead_insurer_id") references "insurer" ("id") on update cascade;`);
    this.addSql(`alter table "representation_agreement" add constraint "representation_agreement_second_insurer_id_foreign" foreign key ("second_insurer_id") references "insurer" ("id") on update cascade;`);

    this.addSql(`alter table "contract" add constraint "contract_insurer_id_foreign" foreign key ("insurer_id") references "insurer" ("id") on update cascade;`);
    this.addSql(`alter table "contract" add constraint "contract_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
    this.addSql(`alter table "contract" add constraint "contract_segment_id_foreign" foreign key ("segment_id") references "segment" ("id") on update cascade;`);
    this.addSql(`alter table "contract" add constraint "contract_agreement_id_foreign" foreign key ("agreement_id") references "representation_agreement" ("id") on update cascade on delete set null;`);

    this.addSql(`drop index "audit_event_owner_insurer_ids_index";`);
    this.addSql(`drop index "audit_event_owner_provider_ids_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "contract" drop constraint "contract_agreement_id_foreign";`);

    this.addSql(`drop table if exists "representation_agreement" cascade;`);

    this.addSql(`drop table if exists "contract" cascade;`);

    this.addSql(`create index "audit_event_owner_insurer_ids_index" on "audit_event" using gin ("owner_insurer_ids");`);
    this.addSql(`create index "audit_event_owner_provider_ids_index" on "audit_event" using gin ("owner_provider_ids");`);

    this.addSql(`drop type "contract_status";`);
    this.addSql(`drop type "tariff_basis";`);
    this.addSql(`drop type "ceiling_kind";`);
  }

}
