import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "article_snapshots_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"participants_id" integer
  );
  
  CREATE TABLE "participant_snapshots" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"participant_id" integer NOT NULL,
  	"slug" varchar NOT NULL,
  	"name" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "article_snapshots" ADD COLUMN "title" varchar;
  ALTER TABLE "article_snapshots" ADD COLUMN "summary" varchar;
  ALTER TABLE "article_snapshots" ADD COLUMN "dateline" varchar;
  ALTER TABLE "article_snapshots" ADD COLUMN "surrogate_keys" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "participant_snapshots_id" integer;
  ALTER TABLE "article_snapshots_rels" ADD CONSTRAINT "article_snapshots_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."article_snapshots"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "article_snapshots_rels" ADD CONSTRAINT "article_snapshots_rels_participants_fk" FOREIGN KEY ("participants_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "participant_snapshots" ADD CONSTRAINT "participant_snapshots_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "article_snapshots_rels_order_idx" ON "article_snapshots_rels" USING btree ("order");
  CREATE INDEX "article_snapshots_rels_parent_idx" ON "article_snapshots_rels" USING btree ("parent_id");
  CREATE INDEX "article_snapshots_rels_path_idx" ON "article_snapshots_rels" USING btree ("path");
  CREATE INDEX "article_snapshots_rels_participants_id_idx" ON "article_snapshots_rels" USING btree ("participants_id");
  CREATE INDEX "article_snapshots_rels_participant_path_parent_idx" ON "article_snapshots_rels" USING btree ("participants_id","path","parent_id");
  CREATE UNIQUE INDEX "participant_snapshots_participant_idx" ON "participant_snapshots" USING btree ("participant_id");
  CREATE UNIQUE INDEX "participant_snapshots_slug_idx" ON "participant_snapshots" USING btree ("slug");
  CREATE INDEX "participant_snapshots_updated_at_idx" ON "participant_snapshots" USING btree ("updated_at");
  CREATE INDEX "participant_snapshots_created_at_idx" ON "participant_snapshots" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_participant_snapshots_fk" FOREIGN KEY ("participant_snapshots_id") REFERENCES "public"."participant_snapshots"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "publishedAt_article_idx" ON "article_snapshots" USING btree ("published_at","article_id");
  CREATE INDEX "payload_locked_documents_rels_participant_snapshots_id_idx" ON "payload_locked_documents_rels" USING btree ("participant_snapshots_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "article_snapshots_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "participant_snapshots" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "article_snapshots_rels" CASCADE;
  DROP TABLE "participant_snapshots" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_participant_snapshots_fk";
  
  DROP INDEX "publishedAt_article_idx";
  DROP INDEX "payload_locked_documents_rels_participant_snapshots_id_idx";
  ALTER TABLE "article_snapshots" DROP COLUMN "title";
  ALTER TABLE "article_snapshots" DROP COLUMN "summary";
  ALTER TABLE "article_snapshots" DROP COLUMN "dateline";
  ALTER TABLE "article_snapshots" DROP COLUMN "surrogate_keys";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "participant_snapshots_id";`)
}
