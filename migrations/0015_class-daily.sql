CREATE TABLE "class_flags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "class_flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"school_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"lesson_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_on" date,
	CONSTRAINT "class_flags_reason" CHECK ("class_flags"."reason" IN ('unprepared','late','truancy','failing','behaviour'))
);
--> statement-breakpoint
ALTER TABLE "class_flags" ADD CONSTRAINT "class_flags_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_flags" ADD CONSTRAINT "class_flags_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_flags" ADD CONSTRAINT "class_flags_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_flags" ADD CONSTRAINT "class_flags_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_flags_undelivered" ON "class_flags" USING btree ("school_id") WHERE "class_flags"."delivered_on" IS NULL;--> statement-breakpoint
CREATE INDEX "class_flags_delivered" ON "class_flags" USING btree ("school_id","delivered_on");--> statement-breakpoint
CREATE INDEX "grades_failing" ON "grades" USING btree ("school_id","updated_at") WHERE "grades"."value" IN ('1','2','fail') AND "grades"."deleted_at" IS NULL;