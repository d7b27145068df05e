import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DEFAULT_POLICY, GRADE_SCALES, LESSON_PARTS, MINIMUM_RULES, POLICY_LIMITS } from '../../domain/schools/policy.js';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, LocalTime, Out, StringEnum } from '../schemas.js';

const minutes = (key: keyof typeof POLICY_LIMITS, description: string) =>
  Type.Integer({ minimum: POLICY_LIMITS[key][0], maximum: POLICY_LIMITS[key][1], description });
const numbers = (key: keyof typeof POLICY_LIMITS, description: string) =>
  Type.Array(Type.Integer({ minimum: POLICY_LIMITS[key][0], maximum: POLICY_LIMITS[key][1] }), { uniqueItems: true, description });

/** Every setting of the school policy, with the domain's allowed values and defaults. */
const settings = {
  fillDeadline: Type.String({
    pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
    description: "Local time by which a lesson day's journal must be filled; 24:00 is midnight",
  }),
  requiredParts: Type.Array(StringEnum(LESSON_PARTS), { minItems: 1, description: 'What makes a lesson complete' }),
  reminderAfterLessonMinutes: minutes('reminderAfterLessonMinutes', 'Minutes after a lesson ends for the first reminder'),
  reminderBeforeDeadlineMinutes: minutes('reminderBeforeDeadlineMinutes', 'Minutes before the deadline for the last reminder'),
  escalationDelayMinutes: minutes('escalationDelayMinutes', 'Minutes after the deadline when the deputy director is alerted'),
  quietHoursStart: LocalTime({ description: "Start of the parents' quiet hours, HH:MM" }),
  quietHoursEnd: LocalTime({ description: "End of the parents' quiet hours, HH:MM" }),
  digestTime: LocalTime({ description: "Default local time of the parents' daily digest" }),
  editWindowDays: minutes('editWindowDays', 'Days after the lesson day during which a teacher may still change it (0 = only that day)'),
  gradeScale: StringEnum(GRADE_SCALES),
  absenceGraceMinutes: minutes('absenceGraceMinutes', 'Minutes an absence notice waits so that a correction can cancel it'),
  workingDays: numbers('workingDays', 'ISO weekdays that are school days (1 = Monday)'),
  finalGradeMonths: numbers(
    'finalGradeMonths',
    'Months (1..12) from whose first day term and year grades may be entered when no study periods are loaded; empty = any time',
  ),
  termGradeOpenDays: minutes('termGradeOpenDays', 'Days before a study period ends from which its term grades may be entered'),
  termGradeDueDays: minutes('termGradeDueDays', 'Days before a study period ends by which its term grades are due'),
  termGradeReminderDays: minutes(
    'termGradeReminderDays',
    'Days before the due date from which teachers with missing term grades are reminded, once a day',
  ),
  minCurrentGrades: minutes('minCurrentGrades', 'Current grades a student needs in a period behind a term grade'),
  minCurrentGradesRule: StringEnum(MINIMUM_RULES, { description: 'A term grade over fewer current grades: warn or refuse' }),
  workTypes: Type.Array(
    Type.Object({
      code: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' }),
      name: Type.String({ minLength: 1, maxLength: 100 }),
      weight: Type.Number({ minimum: 0, maximum: 10, description: 'Above 0; 1 is an ordinary answer in class' }),
      report: Type.Union([StringEnum(['control', 'laboratory', 'practical']), Type.Null()]),
    }),
    {
      minItems: 1,
      maxItems: 50,
      description: 'Kinds of work a lesson may be, with their weights in averages and the report they belong to',
    },
  ),
  directorGetsDailyAlert: Type.Boolean({
    description: "Whether the director also receives the deputies' daily non-compliance alert, besides the monthly summary",
  }),
  classTeacherDigestTime: LocalTime({
    description: "Local time of the class teacher's daily message (absences, new failing grades, subject teachers' flags)",
  }),
  absentDaysInARow: minutes('absentDaysInARow', 'School days in a row a student is absent before the class teacher is told'),
  riskRecentTwos: minutes(
    'riskRecentTwos',
    "How many 2s among a student's last three marks in a subject put them on the class teacher's risk list",
  ),
};

// The document shows each setting's default, taken from the domain's DEFAULT_POLICY.
for (const [key, schema] of Object.entries(settings))
  Object.assign(schema, { default: DEFAULT_POLICY[key as keyof typeof DEFAULT_POLICY] });
const policySettings = settings;

const policySchema = Out(policySettings, { description: 'The effective school policy: the defaults merged with what the school set.' });

/** A setting's JSON type and description without its allowed values. */
function typeOnly(schema: { type?: unknown; items?: unknown; description?: string }): Record<string, unknown> {
  const items = schema.items as typeof schema | undefined;
  return {
    type: schema.type,
    ...(items ? { items: typeOnly(items) } : {}),
    ...(schema.description ? { description: schema.description } : {}),
  };
}

/**
 * The same settings, each optional, with their JSON types only: the values are checked by the
 * domain, which names every bad or unknown setting at once (422).
 */
const policyPatch = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(policySettings).map(([key, schema]) => [key, typeOnly(schema as Parameters<typeof typeOnly>[0])]),
  ),
  minProperties: 1,
  description:
    'Some policy settings (see the school policy for the allowed values); unknown settings and bad values are answered 422 with every problem named.',
});

export async function schoolRoutes(scope: FastifyInstance, deps: { schools: SchoolService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/school',
    {
      schema: {
        tags: ['school'],
        operationId: 'getSchool',
        summary: 'The school this key belongs to, with its effective policy',
        response: {
          200: Out({ id: Type.Integer(), name: Type.String(), timezone: Type.String(), policy: policySchema }),
          ...errorResponses,
        },
      },
    },
    async (request) => deps.schools.get(request.principal, schoolIdOf(request)),
  );

  app.get(
    '/school/policy',
    {
      schema: {
        tags: ['school'],
        operationId: 'getSchoolPolicy',
        summary: 'The effective policy (defaults merged with what the school set)',
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => (await deps.schools.get(request.principal, schoolIdOf(request))).policy,
  );

  app.patch(
    '/school/policy',
    {
      schema: {
        tags: ['school'],
        operationId: 'updateSchoolPolicy',
        summary: 'Change some policy settings; unknown settings and bad values are rejected with details',
        body: policyPatch,
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => deps.schools.updatePolicy(request.principal, schoolIdOf(request), request.body),
  );

  app.post(
    '/school/api-keys',
    {
      schema: {
        tags: ['school'],
        operationId: 'createApiKey',
        summary: 'Issue another API key for this school (the key is shown once)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 201: Out({ id: Type.Integer(), key: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deps.schools.createApiKey(request.principal, schoolIdOf(request), request.body.name)),
  );
}
