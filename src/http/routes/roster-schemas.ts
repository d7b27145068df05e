/** JSON Schemas of the roster routes. Field rules (required, formats, references) are checked by the domain, which reports them all at once as 422. */
const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;

const group = {
  type: 'object',
  additionalProperties: false,
  properties: {
    externalId: { ...text, description: 'Your id of the group; the upsert key' },
    name: { ...text, description: 'Shown to people, e.g. "5А"; a new group without one is named by its externalId' },
    kind: { type: 'string', description: 'class (default) or club (supplementary education)' },
    gradeLevel: { type: ['integer', 'null'], description: 'Default for a new class: the number its name starts with' },
    classTeacherExternalId: { ...nullableText, description: 'externalId of a staff member (in this import or already loaded)' },
  },
} as const;

const personName = { externalId: text, lastName: text, firstName: text, middleName: nullableText } as const;

const staff = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...personName,
    email: nullableText,
    phone: nullableText,
    roles: {
      type: 'array',
      items: text,
      description: 'teacher, class_teacher, deputy_director, director, head_of_department, administrator',
    },
  },
} as const;

const student = {
  type: 'object',
  additionalProperties: false,
  properties: { ...personName, birthDate: { ...nullableText, description: 'YYYY-MM-DD or DD.MM.YYYY' }, groupExternalId: text },
} as const;

const parent = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...personName,
    email: nullableText,
    phone: nullableText,
    childrenExternalIds: { type: 'array', items: text },
    relation: { ...nullableText, description: 'e.g. мать, отец, опекун' },
  },
} as const;

export const rosterBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    groups: { type: 'array', items: group },
    staff: { type: 'array', items: staff },
    students: { type: 'array', items: student },
    parents: { type: 'array', items: parent },
  },
} as const;

export const importQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean', default: false, description: 'Validate and report, write nothing' },
    effectiveDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Day class changes take effect (default: today in the school timezone)' },
  },
} as const;

const counts = {
  type: 'object',
  properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' } },
} as const;

export const importReport = {
  type: 'object',
  properties: {
    dryRun: { type: 'boolean' },
    effectiveDate: { type: 'string' },
    groups: counts,
    staff: counts,
    students: counts,
    parents: counts,
    guardianships: counts,
    enrollments: {
      type: 'object',
      properties: { opened: { type: 'integer' }, closed: { type: 'integer' }, corrected: { type: 'integer' } },
    },
    groupIds: {
      type: 'object',
      description: 'externalId -> id of every group the import named (null: a dry run would create it)',
      additionalProperties: { type: ['integer', 'null'] },
    },
  },
} as const;

export const groupList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      externalId: nullableText,
      name: text,
      kind: text,
      gradeLevel: { type: ['integer', 'null'] },
      classTeacher: {
        type: ['object', 'null'],
        properties: { id: { type: 'integer' }, externalId: nullableText, lastName: text, firstName: text, middleName: nullableText },
      },
      studentCount: { type: 'integer', description: 'Students enrolled today' },
    },
  },
} as const;
