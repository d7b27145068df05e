ALTER TABLE "code_attempts" ADD COLUMN "telegram_user_id" bigint;--> statement-breakpoint
CREATE INDEX "code_attempts_user_at" ON "code_attempts" USING btree ("telegram_user_id","at");--> statement-breakpoint
CREATE INDEX "code_attempts_at" ON "code_attempts" USING btree ("at");