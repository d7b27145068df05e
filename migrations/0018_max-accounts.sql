CREATE TABLE "max_accounts" (
	"max_user_id" bigint PRIMARY KEY NOT NULL,
	"locale" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_user_id" integer
);
--> statement-breakpoint
ALTER TABLE "max_accounts" ADD CONSTRAINT "max_accounts_closed_user_id_users_id_fk" FOREIGN KEY ("closed_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;