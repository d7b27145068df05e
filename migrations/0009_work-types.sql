ALTER TABLE "plan_items" ADD COLUMN "work_type" text;--> statement-breakpoint
ALTER TABLE "grades" ADD COLUMN "work_type" text;--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "work_type" text;