import { Migration } from '@mikro-orm/migrations';

export class Migration20261122172636_audit_owner_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "audit_event_owner_provider_ids_index" on "audit_event" using gin ("owner_provider_ids");`);
    this.addSql(`create index "audit_event_owner_insurer_ids_index" on "audit_event" using gin ("owner_insurer_ids");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_event_owner_provider_ids_index";`);
    this.addSql(`drop index "audit_event_owner_insurer_ids_index";`);
  }

}
