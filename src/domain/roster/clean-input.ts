import { ProblemList, type ErrorDetail } from '../shared/errors.js';
import {
  GROUP_KINDS,
  STAFF_ROLES,
  type GroupInput,
  type Locate,
  type ParentInput,
  type RosterInput,
  type RosterList,
  type StaffInput,
  type StudentInput,
} from './types.js';
import {
  optionalDate,
  optionalEmail,
  optionalIdList,
  optionalInteger,
  optionalPhone,
  optionalText,
  requiredText,
  type Parsed,
} from './values.js';

export interface CleanRoster {
  groups: GroupInput[];
  staff: StaffInput[];
  students: StudentInput[];
  parents: ParentInput[];
}

export const jsonLocate: Locate = (list, index, field) => ({ row: index + 1, field, path: `${list}[${index}].${field}` });

/**
 * Collects problems as ErrorDetails in the words of the source (JSON path or CSV line/column).
 * Only the first hundred are kept (ProblemList); the rest are counted.
 */
export function problemSink(locate: Locate) {
  const list = new ProblemList();
  // One problem per cell: a cell the CSV parser already rejected is not reported again.
  const seen = new Set<string>();
  return {
    get count() {
      return list.count;
    },
    error: (message: string) => list.error(message),
    locateText: (list: RosterList, index: number, field: string) => locate(list, index, field).path,
    include(details: ErrorDetail[]) {
      for (const d of details) {
        if (d.path) seen.add(d.path);
        list.add(d);
      }
    },
    /** A problem of a whole list, not of one cell. */
    addList(name: RosterList, message: string) {
      list.add({ path: name, field: name, message: `${name}: ${message}` });
    },
    add(name: RosterList, index: number, field: string, message: string) {
      const at = locate(name, index, field);
      if (seen.has(at.path)) return;
      seen.add(at.path);
      list.add({ path: at.path, row: at.row, field: at.field, message: `${at.path}: ${message}` });
    },
  };
}
export type ProblemSink = ReturnType<typeof problemSink>;

const ID_MAX = 100;
const NAME_MAX = 100;

function arrayOf(input: unknown, list: RosterList, sink: ProblemSink): Record<string, unknown>[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) {
    sink.addList(list, 'must be a list');
    return [];
  }
  return input.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>) : {}));
}

/** Normalizes every field and reports every field-level problem and duplicate external id. */
export function cleanInput(input: RosterInput, sink: ProblemSink): CleanRoster {
  const take = <T>(list: RosterList, index: number, field: string, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    sink.add(list, index, field, parsed.problem);
    return undefined;
  };
  const raw = (input ?? {}) as Record<string, unknown>;

  const person = (list: RosterList, i: number, r: Record<string, unknown>) => ({
    externalId: take(list, i, 'externalId', requiredText(r.externalId, ID_MAX)) ?? '',
    lastName: take(list, i, 'lastName', requiredText(r.lastName, NAME_MAX)) ?? '',
    firstName: take(list, i, 'firstName', requiredText(r.firstName, NAME_MAX)) ?? '',
    middleName: take(list, i, 'middleName', optionalText(r.middleName, NAME_MAX)),
  });

  const groups = arrayOf(raw.groups, 'groups', sink).map((r, i): GroupInput => {
    const kind = r.kind === undefined || r.kind === null ? undefined : String(r.kind);
    if (kind !== undefined && !(GROUP_KINDS as readonly string[]).includes(kind))
      sink.add('groups', i, 'kind', `must be one of ${GROUP_KINDS.join(', ')}`);
    return {
      externalId: take('groups', i, 'externalId', requiredText(r.externalId, ID_MAX)) ?? '',
      name: take('groups', i, 'name', optionalText(r.name, NAME_MAX)) ?? undefined,
      kind: kind as GroupInput['kind'],
      parentExternalId: take('groups', i, 'parentExternalId', optionalText(r.parentExternalId, ID_MAX)) ?? undefined,
      gradeLevel: take('groups', i, 'gradeLevel', optionalInteger(r.gradeLevel, 0, 12)),
      classTeacherExternalId: take('groups', i, 'classTeacherExternalId', optionalText(r.classTeacherExternalId, ID_MAX)),
    };
  });

  const staff = arrayOf(raw.staff, 'staff', sink).map((r, i): StaffInput => {
    const roles = Array.isArray(r.roles) ? r.roles.map((x) => String(x).trim()).filter(Boolean) : [];
    if (!roles.length) sink.add('staff', i, 'roles', `at least one role is required (${STAFF_ROLES.join(', ')})`);
    const unknown = roles.filter((x) => !(STAFF_ROLES as readonly string[]).includes(x));
    if (unknown.length)
      sink.add('staff', i, 'roles', `unknown role ${unknown.map((x) => `"${x}"`).join(', ')}; known: ${STAFF_ROLES.join(', ')}`);
    return {
      ...person('staff', i, r),
      email: take('staff', i, 'email', optionalEmail(r.email)),
      phone: take('staff', i, 'phone', optionalPhone(r.phone)),
      roles: [...new Set(roles)],
    };
  });

  const students = arrayOf(raw.students, 'students', sink).map(
    (r, i): StudentInput => ({
      ...person('students', i, r),
      birthDate: take('students', i, 'birthDate', optionalDate(r.birthDate)),
      groupExternalId: take('students', i, 'groupExternalId', requiredText(r.groupExternalId, ID_MAX)) ?? '',
      clubExternalIds: take('students', i, 'clubExternalIds', optionalIdList(r.clubExternalIds, ID_MAX)),
      subgroupExternalIds: take('students', i, 'subgroupExternalIds', optionalIdList(r.subgroupExternalIds, ID_MAX)),
    }),
  );

  const parents = arrayOf(raw.parents, 'parents', sink).map((r, i): ParentInput => {
    const children = Array.isArray(r.childrenExternalIds)
      ? [
          ...new Set(
            r.childrenExternalIds.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x).trim() : '')).filter(Boolean),
          ),
        ]
      : [];
    if (!children.length) sink.add('parents', i, 'childrenExternalIds', 'must name at least one child');
    return {
      ...person('parents', i, r),
      email: take('parents', i, 'email', optionalEmail(r.email)),
      phone: take('parents', i, 'phone', optionalPhone(r.phone)),
      childrenExternalIds: children,
      relation: take('parents', i, 'relation', optionalText(r.relation, 50)),
    };
  });

  for (const [list, rows] of [
    ['groups', groups],
    ['staff', staff],
    ['students', students],
    ['parents', parents],
  ] as const) {
    const first = new Map<string, number>();
    rows.forEach((row, i) => {
      if (!row.externalId) return;
      const seen = first.get(row.externalId);
      if (seen === undefined) first.set(row.externalId, i);
      else sink.add(list, i, 'externalId', `duplicate id "${row.externalId}" (first at ${sink.locateText(list, seen, 'externalId')})`);
    });
  }
  return { groups, staff, students, parents };
}
