import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_webhook_deliveries_status" AS ENUM('pending', 'retrying', 'delivered', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'newsroomDeliverWebhook' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'newsroomDeliverWebhook' BEFORE 'schedulePublish';
  CREATE TABLE "article_snapshots" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"article_id" integer NOT NULL,
  	"slug" varchar NOT NULL,
  	"etag" varchar NOT NULL,
  	"published_at" timestamp(3) with time zone,
  	"document" varchar NOT NULL,
  	"json_ld" varchar NOT NULL,
  	"html" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "webhook_deliveries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event" varchar NOT NULL,
  	"event_id" varchar NOT NULL,
  	"url" varchar NOT NULL,
  	"status" "enum_webhook_deliveries_status" DEFAULT 'pending' NOT NULL,
  	"attempts" numeric DEFAULT 0 NOT NULL,
  	"response_status" numeric,
  	"last_error" varchar,
  	"delivered_at" timestamp(3) with time zone,
  	"payload" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "articles_rels" ADD COLUMN "participants_id" integer;
  ALTER TABLE "_articles_v_rels" ADD COLUMN "participants_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "article_snapshots_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "webhook_deliveries_id" integer;
  ALTER TABLE "article_snapshots" ADD CONSTRAINT "article_snapshots_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "article_snapshots_article_idx" ON "article_snapshots" USING btree ("article_id");
  CREATE UNIQUE INDEX "article_snapshots_slug_idx" ON "article_snapshots" USING btree ("slug");
  CREATE INDEX "article_snapshots_updated_at_idx" ON "article_snapshots" USING btree ("updated_at");
  CREATE INDEX "article_snapshots_created_at_idx" ON "article_snapshots" USING btree ("created_at");
  CREATE INDEX "webhook_deliveries_event_idx" ON "webhook_deliveries" USING btree ("event");
  CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries" USING btree ("event_id");
  CREATE INDEX "webhook_deliveries_status_idx" ON "webhook_deliveries" USING btree ("status");
  CREATE INDEX "webhook_deliveries_updated_at_idx" ON "webhook_deliveries" USING btree ("updated_at");
  CREATE INDEX "webhook_deliveries_created_at_idx" ON "webhook_deliveries" USING btree ("created_at");
  ALTER TABLE "articles_rels" ADD CONSTRAINT "articles_rels_participants_fk" FOREIGN KEY ("participants_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_rels" ADD CONSTRAINT "_articles_v_rels_participants_fk" FOREIGN KEY ("participants_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_article_snapshots_fk" FOREIGN KEY ("article_snapshots_id") REFERENCES "public"."article_snapshots"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_webhook_deliveries_fk" FOREIGN KEY ("webhook_deliveries_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "_status_publishedAt_createdAt_idx" ON "articles" USING btree ("_status","published_at","created_at");
  CREATE INDEX "articles_texts_parent_idx" ON "articles_texts" USING btree ("parent_id");
  CREATE INDEX "articles_rels_participants_id_idx" ON "articles_rels" USING btree ("participants_id");
  CREATE INDEX "version__status_version_publishedAt_version_createdAt_idx" ON "_articles_v" USING btree ("version__status","version_published_at","version_created_at");
  CREATE INDEX "_articles_v_rels_participants_id_idx" ON "_articles_v_rels" USING btree ("participants_id");
  CREATE INDEX "payload_locked_documents_rels_article_snapshots_id_idx" ON "payload_locked_documents_rels" USING btree ("article_snapshots_id");
  CREATE INDEX "payload_locked_documents_rels_webhook_deliveries_id_idx" ON "payload_locked_documents_rels" USING btree ("webhook_deliveries_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "article_snapshots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "webhook_deliveries" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "article_snapshots" CASCADE;
  DROP TABLE "webhook_deliveries" CASCADE;
  ALTER TABLE "articles_rels" DROP CONSTRAINT "articles_rels_participants_fk";
  
  ALTER TABLE "_articles_v_rels" DROP CONSTRAINT "_articles_v_rels_participants_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_article_snapshots_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_webhook_deliveries_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "_status_publishedAt_createdAt_idx";
  DROP INDEX "articles_texts_parent_idx";
  DROP INDEX "articles_rels_participants_id_idx";
  DROP INDEX "version__status_version_publishedAt_version_createdAt_idx";
  DROP INDEX "_articles_v_rels_participants_id_idx";
  DROP INDEX "payload_locked_documents_rels_article_snapshots_id_idx";
  DROP INDEX "payload_locked_documents_rels_webhook_deliveries_id_idx";
  ALTER TABLE "articles_rels" DROP COLUMN "participants_id";
  ALTER TABLE "_articles_v_rels" DROP COLUMN "participants_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "article_snapshots_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "webhook_deliveries_id";
  DROP TYPE "public"."enum_webhook_deliveries_status";`)
}
