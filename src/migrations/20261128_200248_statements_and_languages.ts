import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_statements_kind" AS ENUM('official-comment', 'press-release', 'speech', 'briefing', 'interview-transcript', 'other');
  CREATE TYPE "public"."enum_statements_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__statements_v_version_kind" AS ENUM('official-comment', 'press-release', 'speech', 'briefing', 'interview-transcript', 'other');
  CREATE TYPE "public"."enum__statements_v_version_status" AS ENUM('draft', 'published');
  CREATE TABLE "joint_statements_translations" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"language" varchar,
  	"official" boolean DEFAULT true,
  	"text" jsonb,
  	"source_url" varchar
  );
  
  CREATE TABLE "_joint_statements_v_version_translations" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"language" varchar,
  	"official" boolean DEFAULT true,
  	"text" jsonb,
  	"source_url" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "statements_translations" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"language" varchar,
  	"official" boolean DEFAULT true,
  	"text" jsonb,
  	"source_url" varchar
  );
  
  CREATE TABLE "statements" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"issuer_id" integer,
  	"kind" "enum_statements_kind",
  	"issued_on" timestamp(3) with time zone,
  	"place" varchar,
  	"language" varchar,
  	"text" jsonb,
  	"source_url" varchar,
  	"embargo_until" timestamp(3) with time zone,
  	"slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_statements_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_statements_v_version_translations" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"language" varchar,
  	"official" boolean DEFAULT true,
  	"text" jsonb,
  	"source_url" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_statements_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_issuer_id" integer,
  	"version_kind" "enum__statements_v_version_kind",
  	"version_issued_on" timestamp(3) with time zone,
  	"version_place" varchar,
  	"version_language" varchar,
  	"version_text" jsonb,
  	"version_source_url" varchar,
  	"version_embargo_until" timestamp(3) with time zone,
  	"version_slug" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__statements_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  ALTER TABLE "joint_statements" ADD COLUMN "language" varchar DEFAULT 'en';
  ALTER TABLE "joint_statements" ADD COLUMN "embargo_until" timestamp(3) with time zone;
  ALTER TABLE "_joint_statements_v" ADD COLUMN "version_language" varchar DEFAULT 'en';
  ALTER TABLE "_joint_statements_v" ADD COLUMN "version_embargo_until" timestamp(3) with time zone;
  ALTER TABLE "articles" ADD COLUMN "language" varchar DEFAULT 'en';
  ALTER TABLE "articles_rels" ADD COLUMN "statements_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_language" varchar DEFAULT 'en';
  ALTER TABLE "_articles_v_rels" ADD COLUMN "statements_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "statements_id" integer;
  ALTER TABLE "joint_statements_translations" ADD CONSTRAINT "joint_statements_translations_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."joint_statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_joint_statements_v_version_translations" ADD CONSTRAINT "_joint_statements_v_version_translations_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_joint_statements_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "statements_translations" ADD CONSTRAINT "statements_translations_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "statements" ADD CONSTRAINT "statements_issuer_id_participants_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_statements_v_version_translations" ADD CONSTRAINT "_statements_v_version_translations_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_statements_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_statements_v" ADD CONSTRAINT "_statements_v_parent_id_statements_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."statements"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_statements_v" ADD CONSTRAINT "_statements_v_version_issuer_id_participants_id_fk" FOREIGN KEY ("version_issuer_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "joint_statements_translations_order_idx" ON "joint_statements_translations" USING btree ("_order");
  CREATE INDEX "joint_statements_translations_parent_id_idx" ON "joint_statements_translations" USING btree ("_parent_id");
  CREATE INDEX "_joint_statements_v_version_translations_order_idx" ON "_joint_statements_v_version_translations" USING btree ("_order");
  CREATE INDEX "_joint_statements_v_version_translations_parent_id_idx" ON "_joint_statements_v_version_translations" USING btree ("_parent_id");
  CREATE INDEX "statements_translations_order_idx" ON "statements_translations" USING btree ("_order");
  CREATE INDEX "statements_translations_parent_id_idx" ON "statements_translations" USING btree ("_parent_id");
  CREATE INDEX "statements_issuer_idx" ON "statements" USING btree ("issuer_id");
  CREATE UNIQUE INDEX "statements_slug_idx" ON "statements" USING btree ("slug");
  CREATE INDEX "statements_updated_at_idx" ON "statements" USING btree ("updated_at");
  CREATE INDEX "statements_created_at_idx" ON "statements" USING btree ("created_at");
  CREATE INDEX "statements__status_idx" ON "statements" USING btree ("_status");
  CREATE INDEX "_statements_v_version_translations_order_idx" ON "_statements_v_version_translations" USING btree ("_order");
  CREATE INDEX "_statements_v_version_translations_parent_id_idx" ON "_statements_v_version_translations" USING btree ("_parent_id");
  CREATE INDEX "_statements_v_parent_idx" ON "_statements_v" USING btree ("parent_id");
  CREATE INDEX "_statements_v_version_version_issuer_idx" ON "_statements_v" USING btree ("version_issuer_id");
  CREATE INDEX "_statements_v_version_version_slug_idx" ON "_statements_v" USING btree ("version_slug");
  CREATE INDEX "_statements_v_version_version_updated_at_idx" ON "_statements_v" USING btree ("version_updated_at");
  CREATE INDEX "_statements_v_version_version_created_at_idx" ON "_statements_v" USING btree ("version_created_at");
  CREATE INDEX "_statements_v_version_version__status_idx" ON "_statements_v" USING btree ("version__status");
  CREATE INDEX "_statements_v_created_at_idx" ON "_statements_v" USING btree ("created_at");
  CREATE INDEX "_statements_v_updated_at_idx" ON "_statements_v" USING btree ("updated_at");
  CREATE INDEX "_statements_v_latest_idx" ON "_statements_v" USING btree ("latest");
  ALTER TABLE "articles_rels" ADD CONSTRAINT "articles_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_rels" ADD CONSTRAINT "_articles_v_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_rels_statements_id_idx" ON "articles_rels" USING btree ("statements_id");
  CREATE INDEX "_articles_v_rels_statements_id_idx" ON "_articles_v_rels" USING btree ("statements_id");
  CREATE INDEX "payload_locked_documents_rels_statements_id_idx" ON "payload_locked_documents_rels" USING btree ("statements_id");`)

  // Joint statements written before languages were recorded are in English, in every version.
  await db.execute(sql`
  UPDATE "joint_statements" SET "language" = 'en' WHERE "language" IS NULL;
  UPDATE "_joint_statements_v" SET "version_language" = 'en' WHERE "version_language" IS NULL;`)

  // Existing articles take the language the newsroom writes in (the plugin's defaultLanguage).
  const language = articleLanguage(payload)
  await db.execute(sql`UPDATE "articles" SET "language" = ${language} WHERE "language" IS NULL OR "language" = 'en';`)
  await db.execute(
    sql`UPDATE "_articles_v" SET "version_language" = ${language} WHERE "version_language" IS NULL OR "version_language" = 'en';`,
  )
}

/** The default of the articles' `language` field in this app's config, else English. */
function articleLanguage(payload: MigrateUpArgs['payload']): string {
  const articles = payload.config.collections.find((collection) => collection.slug === 'articles')
  const field = articles?.flattenedFields.find((candidate) => candidate.name === 'language')
  const value = field && 'defaultValue' in field ? field.defaultValue : undefined
  return typeof value === 'string' && /^[a-z]{2}$/.test(value) ? value : 'en'
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "joint_statements_translations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_joint_statements_v_version_translations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "statements_translations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "statements" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_statements_v_version_translations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_statements_v" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "joint_statements_translations" CASCADE;
  DROP TABLE "_joint_statements_v_version_translations" CASCADE;
  DROP TABLE "statements_translations" CASCADE;
  DROP TABLE "statements" CASCADE;
  DROP TABLE "_statements_v_version_translations" CASCADE;
  DROP TABLE "_statements_v" CASCADE;
  ALTER TABLE "articles_rels" DROP CONSTRAINT "articles_rels_statements_fk";
  
  ALTER TABLE "_articles_v_rels" DROP CONSTRAINT "_articles_v_rels_statements_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_statements_fk";
  
  DROP INDEX "articles_rels_statements_id_idx";
  DROP INDEX "_articles_v_rels_statements_id_idx";
  DROP INDEX "payload_locked_documents_rels_statements_id_idx";
  ALTER TABLE "joint_statements" DROP COLUMN "language";
  ALTER TABLE "joint_statements" DROP COLUMN "embargo_until";
  ALTER TABLE "_joint_statements_v" DROP COLUMN "version_language";
  ALTER TABLE "_joint_statements_v" DROP COLUMN "version_embargo_until";
  ALTER TABLE "articles" DROP COLUMN "language";
  ALTER TABLE "articles_rels" DROP COLUMN "statements_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_language";
  ALTER TABLE "_articles_v_rels" DROP COLUMN "statements_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "statements_id";
  DROP TYPE "public"."enum_statements_kind";
  DROP TYPE "public"."enum_statements_status";
  DROP TYPE "public"."enum__statements_v_version_kind";
  DROP TYPE "public"."enum__statements_v_version_status";`)
}
