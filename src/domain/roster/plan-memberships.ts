import type { LocalDate } from '../shared/dates.js';
import type { ProblemSink } from './clean-input.js';
import { groupKey, type planGroups } from './plan-groups.js';
import type { GroupKind, OpenEnrollment, StudentInput } from './types.js';

/** Enrollment changes of the whole import, by external ids (new students and groups have no ids yet). */
export interface EnrollmentPlan {
  close: number[];
  /** Enrollments that started on the effective date and are undone: they never took effect. */
  drop: number[];
  correct: { id: number; groupExternalId: string }[];
  open: { studentExternalId: string; groupExternalId: string; reason: string }[];
}

export interface MembershipChange {
  joined: string[];
  left: string[];
}

type Groups = ReturnType<typeof planGroups>;

/**
 * A student's clubs and subgroups: each list, when given, is the whole set; what is not in it
 * closes as of the effective date and what is new opens. Without a subgroup list the student
 * keeps the subgroups of their class, and leaves those of a class they no longer attend.
 */
export function planMemberships(
  s: StudentInput,
  i: number,
  ctx: { current: OpenEnrollment[]; classKey: string | null; groups: Groups; effectiveDate: LocalDate; plan: EnrollmentPlan },
  sink: ProblemSink,
): MembershipChange {
  const { groups, current } = ctx;
  const change: MembershipChange = { joined: [], left: [] };
  const keyOf = (e: OpenEnrollment) => groupKey(groups.byId.get(e.groupId));
  const ofKind = (kind: GroupKind) => current.filter((e) => groups.byId.get(e.groupId)?.kind === kind);

  const sync = (kind: GroupKind, field: string, wanted: string[]) => {
    const have = ofKind(kind);
    const blocked: string[] = [];
    for (const e of have) {
      if (wanted.includes(keyOf(e))) continue;
      if (e.fromDate > ctx.effectiveDate) blocked.push(`"${keyOf(e)}" starts later, on ${e.fromDate}`);
      else {
        (e.fromDate === ctx.effectiveDate ? ctx.plan.drop : ctx.plan.close).push(e.id);
        change.left.push(keyOf(e));
      }
    }
    if (blocked.length) sink.add('students', i, field, `cannot leave on ${ctx.effectiveDate}: ${blocked.join('; ')}`);
    const haveKeys = new Set(have.map(keyOf));
    for (const ext of wanted) {
      if (haveKeys.has(ext)) continue;
      ctx.plan.open.push({ studentExternalId: s.externalId, groupExternalId: ext, reason: 'enrolled' });
      change.joined.push(ext);
    }
  };

  if (s.clubExternalIds) {
    const wrong = s.clubExternalIds.flatMap((ext) => {
      const kind = groups.kindOf.get(ext);
      if (!kind) return [`unknown club "${ext}": not in this import's groups nor in the school`];
      if (kind === 'class') return [`"${ext}" is a class: a student has one class, named in groupExternalId`];
      if (kind === 'subgroup') return [`"${ext}" is a subgroup: list it in subgroupExternalIds`];
      return [];
    });
    if (wrong.length) sink.add('students', i, 'clubExternalIds', wrong.join('; '));
    else {
      const primaryClub = groups.kindOf.get(s.groupExternalId) === 'club' ? [s.groupExternalId] : [];
      sync('club', 'clubExternalIds', [...new Set([...primaryClub, ...s.clubExternalIds])]);
    }
  }

  if (s.subgroupExternalIds) {
    const wrong = s.subgroupExternalIds.flatMap((ext) => {
      const kind = groups.kindOf.get(ext);
      if (!kind) return [`unknown subgroup "${ext}": not in this import's groups nor in the school`];
      if (kind !== 'subgroup') return [`"${ext}" is a ${kind}, not a subgroup`];
      const cls = groups.classOf.get(ext);
      if (ctx.classKey === null) return [`"${ext}" is a subgroup of class "${cls}", and the student is in no class`];
      if (cls !== ctx.classKey) return [`"${ext}" is a subgroup of class "${cls}", not of the student's class "${ctx.classKey}"`];
      return [];
    });
    if (wrong.length) sink.add('students', i, 'subgroupExternalIds', wrong.join('; '));
    else sync('subgroup', 'subgroupExternalIds', s.subgroupExternalIds);
  } else {
    const kept = ofKind('subgroup')
      .map(keyOf)
      .filter((ext) => ctx.classKey !== null && groups.classOf.get(ext) === ctx.classKey);
    sync('subgroup', 'groupExternalId', kept);
  }
  return change;
}
