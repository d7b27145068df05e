ALTER TABLE "guardianships" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "guardianships" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_end" CHECK (("guardianships"."ended_on" IS NULL) = ("guardianships"."end_reason" IS NULL));