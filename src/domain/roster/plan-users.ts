import type { CleanRoster, ProblemSink } from './clean-input.js';
import type { Counts, StoredUser, UserWrite } from './types.js';

/** Roles in one fixed order, so the same set never looks like a change. */
const ROLE_ORDER = ['administrator', 'director', 'deputy_director', 'head_of_department', 'teacher', 'class_teacher', 'parent'];

export interface UserChange {
  action: 'create' | 'update';
  write: UserWrite;
  before: StoredUser | null;
}

export const isStaff = (u: Pick<StoredUser, 'roles'>) => u.roles.some((r) => r !== 'parent');
export const emptyCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });

function sortRoles(roles: Iterable<string>): string[] {
  return [...new Set(roles)].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
}

const keep = <T>(value: T | undefined, stored: T | null | undefined): T | null => (value === undefined ? (stored ?? null) : value);
const sameName = (a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }) =>
  a.lastName.toLowerCase() === b.lastName.toLowerCase() && a.firstName.toLowerCase() === b.firstName.toLowerCase();
const fullName = (p: { lastName: string; firstName: string }) => `${p.lastName} ${p.firstName}`;

function differs(write: UserWrite, before: StoredUser): boolean {
  return (
    write.lastName !== before.lastName ||
    write.firstName !== before.firstName ||
    write.middleName !== before.middleName ||
    write.email !== before.email ||
    write.phone !== before.phone ||
    write.roles.join(',') !== sortRoles(before.roles).join(',')
  );
}

/**
 * Staff and parents are both users, keyed by external id within the school. One id in
 * both lists (a teacher who is also a parent) is one person and gets both kinds of roles;
 * the same id on two different names is a mistake in the source and is reported.
 */
export function planUsers(roster: CleanRoster, stored: Map<string, StoredUser>, sink: ProblemSink) {
  const classTeachers = new Set(roster.groups.map((g) => g.classTeacherExternalId).filter((x): x is string => !!x));
  const staffIndex = new Map(roster.staff.map((s, i) => [s.externalId, i]));
  const drafts = new Map<string, UserWrite>();

  roster.staff.forEach((s, i) => {
    const before = stored.get(s.externalId);
    if (before && !isStaff(before) && !sameName(before, s)) {
      sink.add('staff', i, 'externalId', `id "${s.externalId}" belongs to parent ${fullName(before)} in this school`);
    }
    const roles = [...s.roles, ...(before?.roles.includes('parent') ? ['parent'] : [])];
    if (classTeachers.has(s.externalId)) roles.push('class_teacher');
    drafts.set(s.externalId, {
      externalId: s.externalId,
      lastName: s.lastName,
      firstName: s.firstName,
      middleName: keep(s.middleName, before?.middleName),
      email: keep(s.email, before?.email),
      phone: keep(s.phone, before?.phone),
      roles: sortRoles(roles),
    });
  });

  roster.parents.forEach((p, i) => {
    const before = stored.get(p.externalId);
    const asStaff = drafts.get(p.externalId);
    if (asStaff) {
      if (!sameName(asStaff, p)) {
        sink.add(
          'parents',
          i,
          'externalId',
          `id "${p.externalId}" is also used for ${fullName(asStaff)} at ${sink.locateText('staff', staffIndex.get(p.externalId)!, 'externalId')}`,
        );
      }
      asStaff.roles = sortRoles([...asStaff.roles, 'parent']);
      asStaff.email ??= keep(p.email, null);
      asStaff.phone ??= keep(p.phone, null);
      return;
    }
    if (before && isStaff(before) && !sameName(before, p)) {
      sink.add('parents', i, 'externalId', `id "${p.externalId}" belongs to staff member ${fullName(before)} in this school`);
    }
    drafts.set(p.externalId, {
      externalId: p.externalId,
      lastName: p.lastName,
      firstName: p.firstName,
      middleName: keep(p.middleName, before?.middleName),
      email: keep(p.email, before?.email),
      phone: keep(p.phone, before?.phone),
      roles: sortRoles([...(before?.roles ?? []), 'parent']),
    });
  });

  const changes = new Map<string, UserChange | null>();
  for (const [externalId, write] of drafts) {
    const before = stored.get(externalId) ?? null;
    if (!before) changes.set(externalId, { action: 'create', write, before });
    else changes.set(externalId, differs(write, before) ? { action: 'update', write, before } : null);
  }
  const count = (ids: string[]) => {
    const c = emptyCounts();
    for (const id of ids) {
      const change = changes.get(id);
      if (!change) c.unchanged++;
      else if (change.action === 'create') c.created++;
      else c.updated++;
    }
    return c;
  };
  return {
    changes: [...changes.values()].filter((c): c is UserChange => c !== null),
    staffCounts: count(roster.staff.map((s) => s.externalId)),
    parentCounts: count(roster.parents.map((p) => p.externalId)),
  };
}
