/** JSON Schemas of the schedule routes: types only, the domain checks dates, times and references. */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

export const lessonSchema = {
  type: 'object',
  properties: {
    id: int, courseId: int, groupId: int, teacherId: int, substituteId: nullableInt, externalId: nullableStr,
    date: str, period: nullableInt, startsAt: dateTime, endsAt: dateTime,
    status: { type: 'string', enum: ['scheduled', 'cancelled'] }, cancelReason: nullableStr,
    topic: nullableStr, homework: nullableStr, planItemId: nullableInt,
    attendanceFilledAt: { type: ['string', 'null'], format: 'date-time' },
    topicFilledAt: { type: ['string', 'null'], format: 'date-time' },
    homeworkFilledAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export const courseSchema = {
  type: 'object',
  properties: { id: int, externalId: nullableStr, groupId: int, subjectId: int, subject: str, teacherId: int, plannedHours: nullableInt },
} as const;

export const coursesBody = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 5000,
      items: {
        type: 'object',
        required: ['externalId', 'groupExternalId', 'subject', 'teacherExternalId'],
        additionalProperties: false,
        properties: { externalId: str, groupExternalId: str, subject: str, teacherExternalId: str, plannedHours: nullableInt },
      },
    },
  },
} as const;

export const lessonsBody = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean' },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 20000,
      items: {
        type: 'object',
        required: ['courseExternalId', 'date', 'start', 'end'],
        additionalProperties: false,
        properties: { externalId: nullableStr, courseExternalId: str, date: str, start: str, end: str, period: nullableInt },
      },
    },
  },
} as const;

export const generateBody = {
  type: 'object',
  required: ['from', 'to', 'bells', 'template'],
  additionalProperties: false,
  properties: {
    from: str,
    to: str,
    dryRun: { type: 'boolean' },
    holidays: {
      type: 'array',
      maxItems: 400,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { date: str, from: str, to: str, name: str },
      },
    },
    bells: {
      type: 'array',
      maxItems: 30,
      items: { type: 'object', required: ['period', 'start', 'end'], additionalProperties: false, properties: { period: int, start: str, end: str } },
    },
    template: {
      type: 'array',
      maxItems: 20000,
      items: {
        type: 'object',
        required: ['weekday', 'period', 'courseExternalId'],
        additionalProperties: false,
        properties: { weekday: int, period: int, courseExternalId: str },
      },
    },
  },
} as const;

export const planJsonBody = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    replace: { type: 'boolean' },
    items: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['topic'],
        additionalProperties: false,
        properties: { position: nullableInt, topic: str, hours: nullableInt },
      },
    },
  },
} as const;

export const planReportSchema = {
  type: 'object',
  properties: {
    courseId: int, created: int, updated: int, unchanged: int, deleted: int,
    kept: { type: 'array', items: { type: 'object', properties: { id: int, position: int, topic: str, lessons: int, reason: str } } },
    items: { type: 'array', items: { type: 'object', properties: { id: int, position: int, topic: str, hours: int } } },
  },
} as const;
