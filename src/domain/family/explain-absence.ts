import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { isLocalDate, type LocalDate } from '../shared/dates.js';
import { GoneError, ValidationError } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import type { OutboxEntry } from '../outbox/types.js';
import { assertOwnChild } from './guards.js';
import { ABSENCE_ANSWERS, type AbsenceAnswer } from './types.js';

export interface ExplainResult {
  /** False when the same answer was already stored: nothing changed, nobody is told again. */
  changed: boolean;
  lessons: number;
  notified: number[];
}

export function createAbsenceExplanations({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /**
     * Stores the parent's answer to an absence notice on every mark of that child on that day
     * that is not "present", and tells the class teachers of those lessons' groups (an outbox
     * row rendered at send time). Only the child's guardian with consent may answer (others
     * get NotFoundError); a day without absences (corrected meanwhile) raises GoneError 'stale'.
     */
    async explainAbsence(principal: Principal, studentId: number, date: LocalDate, answer: AbsenceAnswer): Promise<ExplainResult> {
      if (!isLocalDate(date)) throw new ValidationError('Bad date', [{ path: 'date', message: 'must be YYYY-MM-DD' }]);
      if (!ABSENCE_ANSWERS.includes(answer))
        throw new ValidationError('Bad answer', [{ path: 'answer', message: `must be one of ${ABSENCE_ANSWERS.join(', ')}` }]);
      const { parent } = await assertOwnChild(uow.repos, principal, studentId);
      return uow.transaction(async (repos) => {
        const absences = await repos.family.absencesOn(studentId, date);
        if (!absences.length) throw new GoneError('There is no absence of this child on that day any more', 'stale');
        const now = clock.now();
        const toChange = absences.filter((a) => a.parentExplanation !== answer);
        const classTeachers = [...new Set(absences.map((a) => a.classTeacherId).filter((id): id is number => id !== null))];
        if (!toChange.length) return { changed: false, lessons: absences.length, notified: [] };
        await repos.family.setExplanation(
          toChange.map((a) => a.attendanceId),
          answer,
          now,
        );
        await repos.audit.record(
          toChange.map((a) => ({
            schoolId: parent.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'attendance',
            entityId: `${a.lessonId}:${studentId}`,
            action: 'explain',
            before: { parentExplanation: a.parentExplanation },
            after: { parentExplanation: answer },
          })),
        );
        // Staff are told at once: the class teacher needs it for the day's attendance report.
        const entries: OutboxEntry[] = classTeachers.map((recipientId) => ({
          schoolId: parent.schoolId,
          recipientId,
          kind: 'absence_explained',
          dedupeKey: `explained:${recipientId}:${studentId}:${date}`,
          payload: { kind: 'absence_explained', studentId, date },
          notBefore: now,
          deadline: null,
        }));
        await repos.notifications.upsert(entries);
        return { changed: true, lessons: absences.length, notified: classTeachers };
      });
    },
  };
}
