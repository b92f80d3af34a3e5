import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170055_provider_kind_gp extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "provider_kind" add value if not exists 'GP_ORGANISATION' after 'ZG_PROVIDER';`);
  }

}
