import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photos" ADD COLUMN "shown_publicly" boolean DEFAULT false;
  CREATE INDEX "photos_shown_publicly_idx" ON "photos" USING btree ("shown_publicly");
  UPDATE "photos" p SET "shown_publicly" = EXISTS (
    SELECT 1 FROM "articles_rels" r JOIN "articles" a ON a.id = r.parent_id
    WHERE r.path = 'photosUsed' AND r.photos_id = p.id AND a._status = 'published'
  );`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "photos_shown_publicly_idx";
  ALTER TABLE "photos" DROP COLUMN "shown_publicly";`)
}
