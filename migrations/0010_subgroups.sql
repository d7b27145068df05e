ALTER TABLE "groups" DROP CONSTRAINT "groups_kind";--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "parent_group_id" integer;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_parent_group_id_groups_id_fk" FOREIGN KEY ("parent_group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "groups_parent" ON "groups" USING btree ("parent_group_id") WHERE "groups"."parent_group_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_subgroup_parent" CHECK (("groups"."kind" = 'subgroup') = ("groups"."parent_group_id" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_kind" CHECK ("groups"."kind" IN ('class','club','subgroup'));