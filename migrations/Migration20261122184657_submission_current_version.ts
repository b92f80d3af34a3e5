import { Migration } from '@mikro-orm/migrations';

/**
 * The current version of a submission's figures moves onto the submission; monitoring_submission_version keeps
 * the superseded versions (with their ids, so a version's global id never changes). A year's first upload then
 * writes one row per submission instead of two, each with its own foreign-key check.
 */
export class Migration20261122184657_submission_current_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "monitoring_submission" add column "version_id" int null, add column "figures" text null, add column "version_import_id" int null, add column "version_created_at" timestamptz null, add column "version_created_by" varchar(200) null;`);
    // Hand-written: move each current version onto its submission.
    this.addSql(`update "monitoring_submission" s
                    set "version_id" = v."id", "figures" = v."figures", "version_import_id" = v."import_id",
                        "version_created_at" = v."created_at", "version_created_by" = v."created_by"
                   from "monitoring_submission_version" v
                  where v."submission_id" = s."id" and v."version" = s."version";`);
    this.addSql(`delete from "monitoring_submission_version" v using "monitoring_submission" s
                  where v."submission_id" = s."id" and v."version" = s."version";`);
    this.addSql(`alter table "monitoring_submission" alter column "version_id" set not null, alter column "figures" set not null, alter column "version_created_at" set not null, alter column "version_created_by" set not null;`);
    this.addSql(`alter table "monitoring_submission" add constraint "monitoring_submission_version_id_unique" unique ("version_id");`);
    // Hand-written: the current version is as immutable as the superseded ones; only a new version replaces it.
    this.addSql(`create function monitoring_refuse_version_change() returns trigger language plpgsql as $$
      begin
        raise exception 'the current version of a monitoring submission is never changed: new figures make a new version';
      end $$;`);
    this.addSql(`create trigger monitoring_submission_current_version_no_update before update on "monitoring_submission" for each row
                  when (new."version_id" = old."version_id" and (new."version", new."figures", new."figures_hash", new."version_import_id", new."version_created_at", new."version_created_by")
                        is distinct from (old."version", old."figures", old."figures_hash", old."version_import_id", old."version_created_at", old."version_created_by"))
                  execute function monitoring_refuse_version_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger monitoring_submission_current_version_no_update on "monitoring_submission";`);
    this.addSql(`drop function monitoring_refuse_version_change();`);
    this.addSql(`insert into "monitoring_submission_version" ("id", "submission_id", "version", "figures", "figures_hash", "import_id", "created_at", "created_by")
                 select "version_id", "id", "version", "figures", "figures_hash", "version_import_id", "version_created_at", "version_created_by"
                   from "monitoring_submission";`);
    this.addSql(`alter table "monitoring_submission" drop constraint "monitoring_submission_version_id_unique";`);
    this.addSql(`alter table "monitoring_submission" drop column "version_id", drop column "figures", drop column "version_import_id", drop column "version_created_at", drop column "version_created_by";`);
  }

}
