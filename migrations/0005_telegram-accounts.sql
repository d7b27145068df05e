CREATE TABLE "telegram_accounts" (
	"telegram_user_id" bigint PRIMARY KEY NOT NULL,
	"locale" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The bot's session held only the language chosen before linking; it now lives with the account.
-- In a private chat the chat id is the account id; other chats' rows only go.
INSERT INTO "telegram_accounts" ("telegram_user_id", "locale")
SELECT substring("key" from 9)::bigint, "value"->'data'->>'locale'
FROM "bot_sessions"
WHERE "key" ~ '^session:[0-9]+$' AND "value"->'data'->>'locale' IN ('ru', 'en')
ON CONFLICT DO NOTHING;--> statement-breakpoint
DELETE FROM "bot_sessions" WHERE "key" LIKE 'session:%';
