import { Type, type TSchema } from 'typebox';
import type { RosterInput } from '../../domain/roster/types.js';
import { Dictionary, LocalDate, Nullable, Out } from '../schemas.js';

/** TypeBox schemas of the roster routes. Field rules (required, formats, references) are checked by the domain, which reports them all at once as 422. */
const text = Type.String();
const nullableText = Nullable(text);
const int = Type.Integer();
/** A row of a list: every field optional here, because the domain names each missing one with its row. */
const row = (properties: Record<string, TSchema>) => Type.Partial(Type.Object(properties), { additionalProperties: false });

const group = row({
  externalId: Type.String({ description: 'Your id of the group; the upsert key' }),
  name: Type.String({ description: 'Shown to people, e.g. "5А"; a new group without one is named by its externalId' }),
  kind: Type.String({ description: 'class (default), club (supplementary education) or subgroup (part of a class for a subject)' }),
  parentExternalId: Type.String({ description: "A subgroup's class (externalId of a class); only for kind subgroup" }),
  gradeLevel: Nullable(int, { description: 'Default for a new class: the number its name starts with' }),
  classTeacherExternalId: Nullable(text, { description: 'externalId of a staff member (in this import or already loaded)' }),
});

const personName = { externalId: text, lastName: text, firstName: text, middleName: nullableText };

const staff = row({
  ...personName,
  email: nullableText,
  phone: nullableText,
  roles: Type.Array(text, { description: 'teacher, class_teacher, deputy_director, director, head_of_department, administrator' }),
});

const student = row({
  ...personName,
  birthDate: Nullable(text, { description: 'YYYY-MM-DD or DD.MM.YYYY' }),
  groupExternalId: Type.String({ description: "The student's class (old files: one club)" }),
  clubExternalIds: Type.Array(text, {
    description: 'Every club of the student: clubs not listed close on the effective date, new ones open; absent keeps the clubs',
  }),
  subgroupExternalIds: Type.Array(text, {
    description: "Every subgroup of the student (all of the student's class); absent keeps those of the class",
  }),
});

const parent = row({
  ...personName,
  email: nullableText,
  phone: nullableText,
  childrenExternalIds: Type.Array(text),
  relation: Nullable(text, { description: 'e.g. мать, отец, опекун' }),
});

const WITHDRAW_MISSING =
  'true: students in a class who are missing from this import are withdrawn as of effectiveDate (the dry run lists them first); refused without a students list';

/** Typed as the domain's input: the domain checks every field of every row (see above). */
export const rosterBody = Type.Unsafe<RosterInput & { withdrawMissing?: boolean }>(
  Type.Object(
    {
      withdrawMissing: Type.Optional(Type.Boolean({ description: WITHDRAW_MISSING })),
      groups: Type.Optional(Type.Array(group)),
      staff: Type.Optional(Type.Array(staff)),
      students: Type.Optional(Type.Array(student)),
      parents: Type.Optional(Type.Array(parent)),
    },
    { additionalProperties: false },
  ),
);

export const importQuery = Type.Object(
  {
    dryRun: Type.Boolean({ default: false, description: 'Validate and report, write nothing' }),
    effectiveDate: Type.Optional(LocalDate({ description: 'Day class changes take effect (default: today in the school timezone)' })),
    withdrawMissing: Type.Boolean({ default: false, description: WITHDRAW_MISSING }),
  },
  { additionalProperties: false },
);

const counts = Out({ created: int, updated: int, unchanged: int });

export const importReport = Out({
  dryRun: Type.Boolean(),
  effectiveDate: text,
  groups: counts,
  staff: counts,
  students: counts,
  parents: counts,
  guardianships: counts,
  enrollments: Out({ opened: int, closed: int, corrected: int }),
  groupIds: Dictionary(Nullable(int), {
    description: 'externalId -> id of every group the import named (null: a dry run would create it)',
  }),
  withdrawn: Type.Array(Out({ studentId: int, externalId: nullableText, name: text, className: text }), {
    description: 'With withdrawMissing: the students withdrawn (or, in a dry run, to be withdrawn) as missing from the import',
  }),
});

export const groupList = Type.Array(
  Out({
    id: int,
    externalId: nullableText,
    name: text,
    kind: text,
    parentGroupId: Nullable(int, { description: "A subgroup's class" }),
    gradeLevel: Nullable(int),
    classTeacher: Nullable(Out({ id: int, externalId: nullableText, lastName: text, firstName: text, middleName: nullableText })),
    studentCount: Type.Integer({ description: 'Students enrolled today' }),
  }),
);
