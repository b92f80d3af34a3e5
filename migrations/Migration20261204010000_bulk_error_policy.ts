import { Migration } from '@mikro-orm/migrations';

/**
 * The stored summaries of ZN imports name their error policy with BulkErrorPolicy's values: REJECT_EVERYTHING
 * becomes ALL_OR_NOTHING, so that a replayed summary answers in the one vocabulary.
 */
export class Migration20261204010000_bulk_error_policy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "monitoring_import" set "summary" = jsonb_set("summary", '{errorPolicy}', '"ALL_OR_NOTHING"') where "summary"->>'errorPolicy' = 'REJECT_EVERYTHING';`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "monitoring_import" set "summary" = jsonb_set("summary", '{errorPolicy}', '"REJECT_EVERYTHING"') where "summary"->>'errorPolicy' = 'ALL_OR_NOTHING';`);
  }
}
