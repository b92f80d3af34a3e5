import { Migration } from '@mikro-orm/migrations';

export class Migration20261203184520_sustainability extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "sustainability_question_type" as enum ('BOOLEAN', 'DECIMAL', 'DATE', 'CHOICE');`);
    this.addSql(`create table "sustainability_answer" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provider_id" int not null, "year" smallint not null, "answers" jsonb not null, "version" int not null, "answered_by" varchar(200) not null, "demo" boolean not null default false);`);
    this.addSql(`alter table "sustainability_answer" add constraint "sustainability_answer_provider_id_year_unique" unique ("provider_id", "year");`);

    this.addSql(`create table "sustainability_question" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "year" smallint not null, "code" varchar(60) not null, "position" smallint not null, "type" "sustainability_question_type" not null, "unit" varchar(40) null, "choices" text[] null, "required" boolean not null, "text" text not null, "source" varchar(200) not null);`);
    this.addSql(`alter table "sustainability_question" add constraint "sustainability_question_year_code_unique" unique ("year", "code");`);

    this.addSql(`alter table "sustainability_answer" add constraint "sustainability_answer_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sustainability_answer" cascade;`);

    this.addSql(`drop table if exists "sustainability_question" cascade;`);

    this.addSql(`drop type "sustainability_question_type";`);
  }

}
