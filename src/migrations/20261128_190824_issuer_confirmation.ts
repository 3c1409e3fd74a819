import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_photos_credit_issuer_source" AS ENUM('file', 'desk');
  CREATE TYPE "public"."enum_photos_embedded_metadata_kind" AS ENUM('staff', 'agency', 'handout', 'pool', 'freelance', 'archive');
  ALTER TABLE "photos" ADD COLUMN "credit_issuer_source" "enum_photos_credit_issuer_source";
  ALTER TABLE "photos" ADD COLUMN "credit_issuer_confirmed_by_id" integer;
  ALTER TABLE "photos" ADD COLUMN "credit_issuer_confirmed_at" timestamp(3) with time zone;
  ALTER TABLE "photos" ADD COLUMN "embedded_metadata_kind" "enum_photos_embedded_metadata_kind";
  ALTER TABLE "photos" ADD CONSTRAINT "photos_credit_issuer_confirmed_by_id_users_id_fk" FOREIGN KEY ("credit_issuer_confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "photos_credit_credit_issuer_confirmed_by_idx" ON "photos" USING btree ("credit_issuer_confirmed_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "photos" DROP CONSTRAINT "photos_credit_issuer_confirmed_by_id_users_id_fk";
  
  DROP INDEX "photos_credit_credit_issuer_confirmed_by_idx";
  ALTER TABLE "photos" DROP COLUMN "credit_issuer_source";
  ALTER TABLE "photos" DROP COLUMN "credit_issuer_confirmed_by_id";
  ALTER TABLE "photos" DROP COLUMN "credit_issuer_confirmed_at";
  ALTER TABLE "photos" DROP COLUMN "embedded_metadata_kind";
  DROP TYPE "public"."enum_photos_credit_issuer_source";
  DROP TYPE "public"."enum_photos_embedded_metadata_kind";`)
}
