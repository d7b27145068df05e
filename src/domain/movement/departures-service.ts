import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { isLocalDate, LOCAL_DATE_RULE, type LocalDate } from '../shared/dates.js';
import { NotFoundError, ProblemList } from '../shared/errors.js';
import { cleanTypedText } from '../shared/text.js';
import { actorIdOf, assertSchoolAdmin, viaOf, type Principal } from '../shared/principal.js';
import { applyDepartures, planDepartures, type DepartureReport } from './departures.js';

export interface WithdrawInput {
  /** The first day the student is no longer at the school. */
  date: LocalDate;
  reason: string;
  dryRun?: boolean;
}

export const MAX_REASON_LENGTH = 200;

/** The reason as stored, or the problems with the input named by field. */
export function checkDeparture(input: { date: string; reason: string }): string {
  const problems = new ProblemList();
  if (!isLocalDate(input.date)) problems.add({ path: 'date', field: 'date', message: `date must be ${LOCAL_DATE_RULE}` });
  const reason = cleanTypedText(input.reason);
  if (!reason) problems.add({ path: 'reason', field: 'reason', message: 'reason must not be empty' });
  if (reason.length > MAX_REASON_LENGTH)
    problems.add({ path: 'reason', field: 'reason', message: `reason must be at most ${MAX_REASON_LENGTH} characters` });
  if (problems.count) throw problems.error('The withdrawal is invalid; nothing was written');
  return reason;
}

export function createDeparturesService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /**
     * Withdraws a student (выбытие) from `date`, the first day away: every open enrollment
     * (class and clubs) closes the day before, each guardian's consent for the child ends on
     * `date`, and pending notices about the child are cancelled. A dry run checks and reports.
     */
    async withdraw(
      principal: Principal,
      schoolId: number,
      studentId: number,
      input: WithdrawInput,
    ): Promise<DepartureReport & { dryRun: boolean }> {
      assertSchoolAdmin(principal, schoolId);
      const reason = checkDeparture(input);
      const dryRun = input.dryRun ?? false;
      return uow.transaction(async (repos) => {
        if (!dryRun) await repos.roster.lockSchool(schoolId);
        const student = await repos.movement.student(schoolId, studentId);
        if (!student) throw new NotFoundError('Student', studentId);
        const plan = await planDepartures(repos, schoolId, [student], input.date, reason);
        const [report] = dryRun
          ? plan.reports
          : await applyDepartures(repos, schoolId, plan, { actorId: actorIdOf(principal), via: viaOf(principal) }, clock.now());
        return { dryRun, ...report! };
      });
    },
  };
}

export type DeparturesService = ReturnType<typeof createDeparturesService>;
