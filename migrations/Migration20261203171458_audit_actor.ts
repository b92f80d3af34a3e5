import { Migration } from '@mikro-orm/migrations';

export class Migration20261203171458_audit_actor extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_event" add column "actor_insurer_id" int null, add column "actor_provider_id" int null;`);
    this.addSql(`create index "audit_event_actor_insurer_id_index" on "audit_event" ("actor_insurer_id");`);
    this.addSql(`create index "audit_event_actor_provider_id_index" on "audit_event" ("actor_provider_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_event_actor_insurer_id_index";`);
    this.addSql(`drop index "audit_event_actor_provider_id_index";`);
    this.addSql(`alter table "audit_event" drop column "actor_insurer_id", drop column "actor_provider_id";`);
  }

}
