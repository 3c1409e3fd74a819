import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_needs_attention_status" AS ENUM('open', 'resolved');
  CREATE TYPE "public"."enum_needs_attention_reason" AS ENUM('source-changed', 'source-unpublished', 'source-deleted', 'photo-rights-expired');
  CREATE TYPE "public"."enum_needs_attention_resolution" AS ENUM('article-republished', 'source-fixed', 'article-unpublished', 'article-deleted');
  CREATE TABLE "needs_attention" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"status" "enum_needs_attention_status" DEFAULT 'open' NOT NULL,
  	"article_id" integer,
  	"reason" "enum_needs_attention_reason" NOT NULL,
  	"source_collection" varchar NOT NULL,
  	"source_document_id" varchar NOT NULL,
  	"source_label" varchar,
  	"findings" jsonb,
  	"acknowledged_by_id" integer,
  	"acknowledged_at" timestamp(3) with time zone,
  	"resolved_at" timestamp(3) with time zone,
  	"resolution" "enum_needs_attention_resolution",
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "needs_attention_id" integer;
  ALTER TABLE "needs_attention" ADD CONSTRAINT "needs_attention_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "needs_attention" ADD CONSTRAINT "needs_attention_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "needs_attention_status_idx" ON "needs_attention" USING btree ("status");
  CREATE INDEX "needs_attention_article_idx" ON "needs_attention" USING btree ("article_id");
  CREATE INDEX "needs_attention_source_source_document_id_idx" ON "needs_attention" USING btree ("source_document_id");
  CREATE INDEX "needs_attention_acknowledged_by_idx" ON "needs_attention" USING btree ("acknowledged_by_id");
  CREATE INDEX "needs_attention_updated_at_idx" ON "needs_attention" USING btree ("updated_at");
  CREATE INDEX "needs_attention_created_at_idx" ON "needs_attention" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_needs_attention_fk" FOREIGN KEY ("needs_attention_id") REFERENCES "public"."needs_attention"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_needs_attention_id_idx" ON "payload_locked_documents_rels" USING btree ("needs_attention_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "needs_attention" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "needs_attention" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_needs_attention_fk";
  
  DROP INDEX "payload_locked_documents_rels_needs_attention_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "needs_attention_id";
  DROP TYPE "public"."enum_needs_attention_status";
  DROP TYPE "public"."enum_needs_attention_reason";
  DROP TYPE "public"."enum_needs_attention_resolution";`)
}
