import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_photos_embedded_metadata_status" AS ENUM('read', 'none', 'unreadable');
  CREATE TABLE "photos_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_status" "enum_photos_embedded_metadata_status";
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_error" varchar;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_line" varchar;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_creator" varchar;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_source" varchar;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_copyright" varchar;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_usage_terms" varchar;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_caption" varchar;
  ALTER TABLE "articles_rels" ADD COLUMN "photos_id" integer;
  ALTER TABLE "_articles_v_rels" ADD COLUMN "photos_id" integer;
  ALTER TABLE "photos_texts" ADD CONSTRAINT "photos_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."photos"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "photos_texts_order_parent" ON "photos_texts" USING btree ("order","parent_id");
  ALTER TABLE "articles_rels" ADD CONSTRAINT "articles_rels_photos_fk" FOREIGN KEY ("photos_id") REFERENCES "public"."photos"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_rels" ADD CONSTRAINT "_articles_v_rels_photos_fk" FOREIGN KEY ("photos_id") REFERENCES "public"."photos"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_rels_photos_id_idx" ON "articles_rels" USING btree ("photos_id");
  CREATE INDEX "_articles_v_rels_photos_id_idx" ON "_articles_v_rels" USING btree ("photos_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photos_texts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "photos_texts" CASCADE;
  ALTER TABLE "articles_rels" DROP CONSTRAINT "articles_rels_photos_fk";
  
  ALTER TABLE "_articles_v_rels" DROP CONSTRAINT "_articles_v_rels_photos_fk";
  
  DROP INDEX "articles_rels_photos_id_idx";
  DROP INDEX "_articles_v_rels_photos_id_idx";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_status";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_error";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_line";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_creator";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_source";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_copyright";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_usage_terms";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_caption";
  ALTER TABLE "articles_rels" DROP COLUMN "photos_id";
  ALTER TABLE "_articles_v_rels" DROP COLUMN "photos_id";
  DROP TYPE "public"."enum_photos_embedded_metadata_status";`)
}
