CREATE TABLE "study_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "study_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"school_id" integer NOT NULL,
	"year_from" date NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"grade_levels" integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_periods_range" CHECK ("study_periods"."from_date" <= "study_periods"."to_date"),
	CONSTRAINT "study_periods_kind" CHECK ("study_periods"."kind" IN ('quarters','trimesters','halves'))
);
--> statement-breakpoint
ALTER TABLE "study_periods" ADD CONSTRAINT "study_periods_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "study_periods_school_dates" ON "study_periods" USING btree ("school_id","from_date");