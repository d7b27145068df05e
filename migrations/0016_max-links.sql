CREATE TABLE "max_links" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"max_user_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "max_links_status" CHECK ("max_links"."status" IN ('active','blocked'))
);
--> statement-breakpoint
ALTER TABLE "code_attempts" ADD COLUMN "messenger" text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "preferred_messenger" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "max_message_id" text;--> statement-breakpoint
ALTER TABLE "max_links" ADD CONSTRAINT "max_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "max_links_max_user" ON "max_links" USING btree ("max_user_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_preferred_messenger" CHECK ("users"."preferred_messenger" IS NULL OR "users"."preferred_messenger" IN ('telegram','max'));