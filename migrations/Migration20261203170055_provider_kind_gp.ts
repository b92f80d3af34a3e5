import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170055_provider_kind_gp extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "provider_kind" add value if not exists 'GP_ORGANISATION' after 'ZG_PROVIDER';`);
  }

  override async down(): Promise<void> {
    // PostgreSQL cannot drop an enum value: the type is made again without it (GP organisations become OTHER).
    this.addSql(`update "provider" set "kind" = 'OTHER' where "kind" = 'GP_ORGANISATION';`);
    this.addSql(`alter type "provider_kind" rename to "provider_kind_old";`);
    this.addSql(`create type "provider_kind" as enum ('RAV', 'HOSPITAL', 'INDEPENDENT_CLINIC', 'COORDINATION_FUNCTION', 'ZG_PROVIDER', 'OTHER');`);
    this.addSql(`alter table "provider" alter column "kind" type "provider_kind" using "kind"::text::"provider_kind";`);
    this.addSql(`drop type "provider_kind_old";`);
  }

}
