import { Type } from 'typebox';
import { DateTime, Dictionary, Nullable, Out, StringEnum } from '../schemas.js';

/** TypeBox schemas of the schedule routes: types only, the domain checks dates, times and references. */
const str = Type.String();
const int = Type.Integer();
const nullableInt = Nullable(int);
const nullableStr = Nullable(str);
const nullableTime = Nullable(DateTime());
const opt = Type.Optional;

export const lessonSchema = Out({
  id: int,
  courseId: int,
  groupId: int,
  teacherId: int,
  substituteId: nullableInt,
  externalId: nullableStr,
  date: str,
  period: nullableInt,
  room: nullableStr,
  startsAt: DateTime(),
  endsAt: DateTime(),
  status: StringEnum(['scheduled', 'cancelled']),
  cancelReason: nullableStr,
  topic: nullableStr,
  homework: nullableStr,
  planItemId: nullableInt,
  attendanceFilledAt: nullableTime,
  topicFilledAt: nullableTime,
  homeworkFilledAt: nullableTime,
});

export const courseSchema = Out({
  id: int,
  externalId: nullableStr,
  groupId: int,
  subjectId: int,
  subject: str,
  teacherId: int,
  plannedHours: nullableInt,
});

export const coursesBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          externalId: str,
          groupExternalId: str,
          subject: str,
          teacherExternalId: str,
          plannedHours: opt(nullableInt),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);

export const coursesResult = Out({ created: int, updated: int, unchanged: int, ids: Dictionary(int) });

export const lessonsBody = Type.Object(
  {
    dryRun: opt(Type.Boolean()),
    items: Type.Array(
      Type.Object(
        {
          externalId: opt(nullableStr),
          courseExternalId: str,
          date: str,
          start: str,
          end: str,
          period: opt(nullableInt),
          room: opt(Nullable(Type.String({ maxLength: 30, description: 'The room («Кабинет»), shown to students' }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20000 },
    ),
  },
  { additionalProperties: false },
);

export const lessonsResult = Out({ dryRun: Type.Boolean(), created: int, existing: int, moved: int, ids: Dictionary(int) });

export const generateBody = Type.Object(
  {
    from: str,
    to: str,
    dryRun: opt(Type.Boolean()),
    holidays: opt(
      Type.Array(
        Type.Union([
          Type.Object({ date: str, name: opt(str) }, { additionalProperties: false }),
          Type.Object({ from: str, to: str, name: opt(str) }, { additionalProperties: false }),
        ]),
        { maxItems: 400, description: 'One day (`date`) or a range (`from`, `to`), each with an optional name' },
      ),
    ),
    bells: Type.Array(Type.Object({ period: int, start: str, end: str }, { additionalProperties: false }), { maxItems: 30 }),
    template: Type.Array(
      Type.Object(
        {
          weekday: int,
          period: int,
          courseExternalId: str,
          room: opt(Nullable(Type.String({ maxLength: 30, description: 'The room («Кабинет»)' }))),
        },
        { additionalProperties: false },
      ),
      {
        maxItems: 20000,
      },
    ),
  },
  { additionalProperties: false },
);

export const generateResult = Out({
  dryRun: Type.Boolean(),
  from: str,
  to: str,
  schoolDays: int,
  holidaysSkipped: int,
  holidaysStored: int,
  lessons: Out({ total: int, created: int, existing: int }),
  warnings: Type.Array(Out({ path: str, message: str })),
});

export const planItemsBody = Type.Object(
  {
    replace: opt(Type.Boolean()),
    items: Type.Array(
      Type.Object(
        {
          position: opt(nullableInt),
          topic: str,
          hours: opt(nullableInt),
          workType: opt(Nullable(Type.String({ maxLength: 100, description: "code or Russian name of one of the school's work types" }))),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const planReportSchema = Out({
  courseId: int,
  created: int,
  updated: int,
  unchanged: int,
  deleted: int,
  kept: Type.Array(Out({ id: int, position: int, topic: str, lessons: int, reason: str })),
  items: Type.Array(Out({ id: int, position: int, topic: str, hours: int, workType: nullableStr })),
});

export const planSchema = Out({
  items: Type.Array(Out({ id: int, position: int, topic: str, hours: int, workType: nullableStr, usedBy: int })),
});
