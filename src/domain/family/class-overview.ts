import { classFor } from '../class-journal/access.js';
import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import type { Principal } from '../shared/principal.js';
import type { ClassOverview } from './types.js';

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
     * administration (the class journal's rule); another school's group looks missing.
     */
    async classOverview(principal: Principal, groupId: number): Promise<ClassOverview> {
      const { group, school } = await classFor(repos, principal, groupId);
      const date = localDateOf(clock.now(), school.timezone);
      return { group: { id: group.id, name: group.name }, date, students: await repos.family.classParents(group.id, date) };
    },
  };
}
