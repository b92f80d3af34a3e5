import { Migration } from '@mikro-orm/migrations';

/** Every table of a Node type, with the GraphQL type name its deletions are recorded under. */
const NODE_TABLES: [table: string, type: string][] = [
  ['concern', 'Concern'],
  ['insurer', 'Insurer'],
  ['region', 'Region'],
  ['market_share', 'MarketShare'],
  ['segment', 'Segment'],
  ['provider', 'Provider'],
  ['purchasing_policy', 'PurchasingPolicy'],
  ['policy_milestone', 'PolicyMilestone'],
  ['representation_agreement', 'RepresentationAgreement'],
  ['contract', 'Contract'],
  ['contract_revenue', 'ContractRevenue'],
  ['ceiling_procedure', 'CeilingProcedure'],
  ['kpi', 'Kpi'],
  ['kpi_target', 'KpiTarget'],
  ['kpi_measurement', 'KpiMeasurement'],
  ['monitoring_submission', 'MonitoringSubmission'],
  ['monitoring_submission_version', 'MonitoringSubmissionVersion'],
  ['monitoring_submission_event', 'MonitoringSubmissionEvent'],
  ['monitoring_import', 'MonitoringImport'],
  ['api_token', 'ApiToken'],
  ['audit_event', 'AuditEvent'],
];

/** Every table with `updated_at` (the Node tables and the other tables of BaseEntity): indexed for `updatedSince`. */
const INDEXED: string[] = [
  ...NODE_TABLES.map(([table]) => table),
  'kpi_measurement_population',
  'sustainability_answer',
  'sustainability_question',
];

/** Tables of Node types that had no `updated_at`, and the column it starts from. */
const WITHOUT_UPDATED_AT: [table: string, from: string][] = [
  ['monitoring_submission_version', 'created_at'],
  ['monitoring_submission_event', 'occurred_at'],
  ['monitoring_import', 'created_at'],
  ['audit_event', 'occurred_at'],
];

/**
 * Incremental sync: `updated_at` on every Node table, kept by a trigger on every insert and update (whatever
 * writes: the ORM, a COPY import, a bulk update, an operator's SQL), and a `deletion` row for every deleted row.
 * Both take `clock_timestamp()` to the millisecond (what a cursor holds exactly), never earlier than the start of
 * the writing transaction to the millisecond: the read side relies on that to hold back rows of transactions still
 * running (see README, Incremental sync, and src/db/sync.ts).
 */
export class Migration20261203220000_sync extends Migration {
  override async up(): Promise<void> {
    for (const [table, from] of WITHOUT_UPDATED_AT) {
      this.addSql(`alter table "${table}" add column "updated_at" timestamptz not null default now();`);
      if (table === 'audit_event') this.addSql(`alter table "audit_event" disable trigger audit_event_no_change;`);
      this.addSql(`update "${table}" set "updated_at" = "${from}";`);
      if (table === 'audit_event') this.addSql(`alter table "audit_event" enable trigger audit_event_no_change;`);
    }
    this.addSql(`create function sync_touch() returns trigger language plpgsql as $$
      begin
        new.updated_at := date_trunc('milliseconds', clock_timestamp());
        return new;
      end $$;`);
    this.addSql(`create table "deletion" ("id" bigserial primary key, "type_name" varchar(60) not null, "object_id" bigint not null, "deleted_at" timestamptz not null default clock_timestamp());`);
    this.addSql(`create index "deletion_deleted_at_id_index" on "deletion" ("deleted_at", "id");`);
    this.addSql(`create function sync_record_deletion() returns trigger language plpgsql as $$
      begin
        insert into deletion (type_name, object_id, deleted_at) values (tg_argv[0], old.id, date_trunc('milliseconds', clock_timestamp()));
        return old;
      end $$;`);
    for (const table of INDEXED) this.addSql(`create index "${table}_updated_at_index" on "${table}" ("updated_at");`);
    for (const [table, type] of NODE_TABLES) {
      this.addSql(`create trigger "${table}_sync_touch" before insert or update on "${table}" for each row execute function sync_touch();`);
      if (table !== 'audit_event') {
        this.addSql(`create trigger "${table}_sync_deletion" after delete on "${table}" for each row execute function sync_record_deletion('${type}');`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const [table] of NODE_TABLES) {
      this.addSql(`drop trigger if exists "${table}_sync_touch" on "${table}";`);
      this.addSql(`drop trigger if exists "${table}_sync_deletion" on "${table}";`);
    }
    for (const table of INDEXED) this.addSql(`drop index if exists "${table}_updated_at_index";`);
    this.addSql(`drop function if exists sync_record_deletion();`);
    this.addSql(`drop table if exists "deletion" cascade;`);
    this.addSql(`drop function if exists sync_touch();`);
    for (const [table] of WITHOUT_UPDATED_AT) this.addSql(`alter table "${table}" drop column "updated_at";`);
  }
}
