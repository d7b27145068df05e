ALTER TABLE "users" DROP CONSTRAINT "users_roles_known";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "student_id" integer;--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "room" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_student" ON "users" USING btree ("student_id") WHERE "users"."student_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_student_role" CHECK (("users"."student_id" IS NOT NULL) = ('student' = ANY("users"."roles")));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_roles_known" CHECK ("users"."roles" <@ ARRAY['administrator','director','deputy_director','head_of_department','teacher','class_teacher','parent','student']::text[] AND cardinality("users"."roles") > 0);