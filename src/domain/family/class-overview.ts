import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { sameSchool, type Principal } from '../shared/principal.js';
import type { ClassOverview } from './types.js';

const ADMIN = ['administrator', 'director', 'deputy_director'];

export function createClassOverview({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  const repos = uow.repos;
  return {
    /** Groups where the user is the class teacher. */
    async myClasses(principal: Principal): Promise<{ id: number; name: string }[]> {
      if (principal.kind !== 'user') return [];
      return repos.family.groupsOfClassTeacher(principal.userId);
    },

    /**
     * Students of the group today and their parents' reach: linked to Telegram, blocked the bot
     * (e-mail only), e-mail known, consent given. For the group's class teacher and the school
     * administration; another school's group looks missing.
     */
    async classOverview(principal: Principal, groupId: number): Promise<ClassOverview> {
      const group = Number.isInteger(groupId) ? await repos.journal.findGroup(groupId) : null;
      if (!group || !sameSchool(principal, group.schoolId)) throw new NotFoundError('Group', groupId);
      const allowed =
        principal.kind !== 'user' || group.classTeacherId === principal.userId || principal.roles.some((r) => ADMIN.includes(r));
      if (!allowed) throw new ForbiddenError('Only the class teacher of this group can see its parents');
      const school = await repos.schools.findById(group.schoolId);
      if (!school) throw new NotFoundError('School', group.schoolId);
      const date = localDateOf(clock.now(), school.timezone);
      return { group: { id: group.id, name: group.name }, date, students: await repos.family.classParents(group.id, date) };
    },
  };
}
