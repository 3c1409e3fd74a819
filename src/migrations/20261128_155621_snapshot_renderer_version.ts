import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "article_snapshots" ADD COLUMN "renderer_version" numeric;
  CREATE INDEX "article_snapshots_renderer_version_idx" ON "article_snapshots" USING btree ("renderer_version");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "article_snapshots_renderer_version_idx";
  ALTER TABLE "article_snapshots" DROP COLUMN "renderer_version";`)
}
