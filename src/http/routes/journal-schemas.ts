/** JSON Schemas of the journal routes (requests and responses). */

const nullableString = { type: 'string', nullable: true } as const;
const nullableInt = { type: 'integer', nullable: true } as const;
const nullableTime = { type: 'string', format: 'date-time', nullable: true } as const;

export const attendanceStatus = { type: 'string', enum: ['present', 'absent', 'sick', 'excused', 'late'] } as const;
export const gradeKind = { type: 'string', enum: ['current', 'term', 'year', 'exam'] } as const;

export const lessonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, courseId: { type: 'integer' }, groupId: { type: 'integer' },
    teacherId: { type: 'integer' }, substituteId: nullableInt, externalId: nullableString,
    date: { type: 'string' }, period: nullableInt,
    startsAt: { type: 'string', format: 'date-time' }, endsAt: { type: 'string', format: 'date-time' },
    status: { type: 'string', enum: ['scheduled', 'cancelled'] }, cancelReason: nullableString,
    topic: nullableString, homework: nullableString, planItemId: nullableInt,
    attendanceFilledAt: nullableTime, topicFilledAt: nullableTime, homeworkFilledAt: nullableTime,
  },
} as const;

export const gradeSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, courseId: { type: 'integer' }, lessonId: nullableInt, studentId: { type: 'integer' },
    kind: gradeKind, term: nullableInt, value: { type: 'string' }, comment: nullableString, date: { type: 'string' },
    externalId: nullableString, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const editability = {
  type: 'object',
  properties: { editable: { type: 'boolean' }, reason: { type: 'string', nullable: true, description: 'cancelled, edit_window, closed_year, not_started or not_allowed' } },
} as const;

const attendanceMark = {
  type: 'object',
  nullable: true,
  properties: { status: attendanceStatus, reason: nullableString, parentExplanation: nullableString },
} as const;

export const lessonViewSchema = {
  type: 'object',
  properties: {
    lesson: lessonSchema,
    groupName: { type: 'string' },
    subjectName: { type: 'string' },
    students: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, lastName: { type: 'string' }, firstName: { type: 'string' }, middleName: nullableString, attendance: attendanceMark },
      },
    },
    grades: { type: 'array', items: gradeSchema },
    suggestedTopic: {
      type: 'object', nullable: true,
      properties: { id: { type: 'integer' }, position: { type: 'integer' }, topic: { type: 'string' }, hours: { type: 'integer' } },
    },
    missing: { type: 'array', items: { type: 'string' } },
    editable: editability,
    attendanceEditable: editability,
  },
} as const;

export const groupJournalSchema = {
  type: 'object',
  properties: {
    group: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    from: { type: 'string' },
    to: { type: 'string' },
    students: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, lastName: { type: 'string' }, firstName: { type: 'string' }, middleName: nullableString,
          spans: { type: 'array', items: { type: 'object', properties: { fromDate: { type: 'string' }, toDate: nullableString } } },
        },
      },
    },
    lessons: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          lesson: lessonSchema,
          subjectName: { type: 'string' },
          attendance: {
            type: 'array',
            items: { type: 'object', properties: { studentId: { type: 'integer' }, status: attendanceStatus, reason: nullableString, parentExplanation: nullableString } },
          },
          grades: { type: 'array', items: gradeSchema },
        },
      },
    },
  },
} as const;

export const attendanceBody = {
  type: 'object',
  description: 'Either `{ "allPresent": true }` or `{ "marks": [...] }` with only the students who are not present.',
  properties: {
    allPresent: { type: 'boolean', enum: [true] },
    marks: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['studentId', 'status'],
        additionalProperties: false,
        properties: { studentId: { type: 'integer' }, status: attendanceStatus, reason: { type: 'string', maxLength: 300, nullable: true } },
      },
    },
  },
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
} as const;

export const attendanceChanges = {
  type: 'object',
  properties: {
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          studentId: { type: 'integer' },
          before: { type: 'object', nullable: true, properties: { status: attendanceStatus, reason: nullableString } },
          after: { type: 'object', properties: { status: attendanceStatus, reason: nullableString } },
        },
      },
    },
  },
} as const;

/** Documented here, checked by the service: every problem comes back as 422 with an `items[i].field` path. */
export const importItem = {
  type: 'object',
  description: 'Required: externalId, studentExternalId, courseExternalId, date, kind, value; term for term grades.',
  properties: {
    externalId: { type: 'string', description: 'The grade id in the main journal (1..100 characters); re-sending it updates the grade' },
    studentExternalId: { type: 'string' },
    courseExternalId: { type: 'string' },
    date: { type: 'string', description: 'YYYY-MM-DD' },
    kind: { type: 'string', description: 'current, term, year or exam' },
    term: { type: 'integer', nullable: true, description: '1..4, for term grades only' },
    value: { type: 'string', description: "'5'..'2', '5'..'1' or 'pass'/'fail' by the school's scale" },
    comment: { type: 'string', nullable: true, description: 'up to 300 characters' },
  },
} as const;
