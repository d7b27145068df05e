import { Type } from 'typebox';
import { DateTime, Id, LocalDate, Nullable, Out, StringEnum } from '../schemas.js';

/** TypeBox schemas of the journal routes (requests and responses). */

const int = Type.Integer();
const str = Type.String();
const nullableString = Nullable(str);
const nullableInt = Nullable(int);
const nullableTime = Nullable(DateTime());

export const attendanceStatus = StringEnum(['present', 'absent', 'sick', 'excused', 'late']);
export const gradeKind = StringEnum(['current', 'term', 'year', 'exam']);
/** The domain reads a mark given as a number too: a main journal may send `5`. */
const gradeValue = Type.Union([str, int], { description: "'5'..'2', '5'..'1' or 'pass'/'fail' by the school's scale" });

export const lessonSchema = Out({
  id: int,
  courseId: int,
  groupId: int,
  teacherId: int,
  substituteId: nullableInt,
  externalId: nullableString,
  date: str,
  period: nullableInt,
  startsAt: DateTime(),
  endsAt: DateTime(),
  status: StringEnum(['scheduled', 'cancelled']),
  cancelReason: nullableString,
  topic: nullableString,
  homework: nullableString,
  planItemId: nullableInt,
  workType: Nullable(str, { description: "code of the school's work type; null for an ordinary lesson" }),
  attendanceFilledAt: nullableTime,
  topicFilledAt: nullableTime,
  homeworkFilledAt: nullableTime,
});

export const gradeSchema = Out({
  id: int,
  courseId: int,
  lessonId: nullableInt,
  studentId: int,
  kind: gradeKind,
  term: nullableInt,
  value: str,
  comment: nullableString,
  workType: nullableString,
  date: str,
  externalId: nullableString,
  createdAt: DateTime(),
  updatedAt: DateTime(),
});

const editability = Out({
  editable: Type.Boolean(),
  reason: Nullable(str, { description: 'cancelled, edit_window, closed_year, not_started or not_allowed' }),
});

const attendanceMark = Nullable(Out({ status: attendanceStatus, reason: nullableString, parentExplanation: nullableString }));
const group = Out({ id: int, name: str });

export const lessonViewSchema = Out({
  lesson: lessonSchema,
  groupName: str,
  subjectName: str,
  students: Type.Array(Out({ id: int, lastName: str, firstName: str, middleName: nullableString, attendance: attendanceMark })),
  grades: Type.Array(gradeSchema),
  suggestedTopic: Nullable(Out({ id: int, position: int, topic: str, hours: int, workType: nullableString })),
  suggestedWorkType: Nullable(str, { description: "the work type of the lesson's КТП item, while the lesson has none" }),
  missing: Type.Array(str),
  editable: editability,
  attendanceEditable: editability,
});

export const groupJournalSchema = Out({
  group,
  from: str,
  to: str,
  students: Type.Array(
    Out({
      id: int,
      lastName: str,
      firstName: str,
      middleName: nullableString,
      spans: Type.Array(Out({ fromDate: str, toDate: nullableString })),
    }),
  ),
  lessons: Type.Array(
    Out({
      lesson: lessonSchema,
      subjectName: str,
      attendance: Type.Array(Out({ studentId: int, status: attendanceStatus, reason: nullableString, parentExplanation: nullableString })),
      grades: Type.Array(gradeSchema),
    }),
  ),
});

export const groupJournalQuery = Type.Object({ from: LocalDate(), to: LocalDate() }, { additionalProperties: false });

const attendanceMarkInput = Type.Object(
  {
    studentId: int,
    status: attendanceStatus,
    reason: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  { additionalProperties: false },
);

export const attendanceBody = Type.Union(
  [
    Type.Object({ allPresent: Type.Literal(true) }, { additionalProperties: false }),
    Type.Object({ marks: Type.Array(attendanceMarkInput, { maxItems: 200 }) }, { additionalProperties: false }),
  ],
  { description: 'Either `{ "allPresent": true }` or `{ "marks": [...] }` with only the students who are not present.' },
);

export const attendanceChanges = Out({
  changes: Type.Array(
    Out({
      studentId: int,
      before: Nullable(Out({ status: attendanceStatus, reason: nullableString })),
      after: Out({ status: attendanceStatus, reason: nullableString }),
    }),
  ),
});

export const topicBody = Type.Object(
  { topic: Type.Optional(Type.String({ maxLength: 500 })), planItemId: Type.Optional(Id()) },
  {
    additionalProperties: false,
    minProperties: 1,
    description: "Free text, or an item of the course's КТП (which wins when both are given)",
  },
);

export const workTypeBody = Type.Object(
  { workType: Nullable(Type.String({ maxLength: 32 }), { description: "a code of the school's work types; null for an ordinary lesson" }) },
  { additionalProperties: false },
);

export const homeworkBody = Type.Object({ homework: Nullable(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

export const gradesBody = Type.Object(
  {
    grades: Type.Array(
      Type.Object(
        {
          studentId: int,
          value: gradeValue,
          kind: Type.Optional(gradeKind),
          term: Type.Optional(nullableInt),
          comment: Type.Optional(nullableString),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

/** Documented here, checked by the service: every problem comes back as 422 with an `items[i].field` path. */
export const importItem = Type.Partial(
  Type.Object({
    externalId: Type.String({ description: 'The grade id in the main journal (1..100 characters); re-sending it updates the grade' }),
    studentExternalId: str,
    courseExternalId: str,
    date: Type.String({ description: 'YYYY-MM-DD' }),
    kind: Type.String({ description: 'current, term, year or exam' }),
    term: Nullable(int, { description: '1..4, for term grades only' }),
    value: gradeValue,
    comment: Nullable(str, { description: 'up to 300 characters' }),
    workType: Nullable(str, { description: "code or Russian name of one of the school's work types; none when absent" }),
  }),
  { description: 'Required: externalId, studentExternalId, courseExternalId, date, kind, value; term for term grades.' },
);

export const importBody = Type.Object({ items: Type.Array(importItem, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false });
export const importResult = Out({ created: int, updated: int, unchanged: int });
