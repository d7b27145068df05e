import type { Clock } from '../shared/clock.js';
import type { Repositories } from '../ports.js';
import type { AttendanceStatus } from '../lessons/types.js';
import type { JournalEvents } from '../journal/types.js';
import { localDateOf } from '../shared/dates.js';
import { afterQuietHours, capToDeadline, nextLocalTime } from './scheduling.js';
import type { OutboxEntry } from './types.js';

const isAbsence = (s: AttendanceStatus | undefined) => s !== undefined && s !== 'present';

/**
 * Turns journal changes into outbox rows, inside the transaction that made the change:
 * a notice exists exactly when the change that causes it was committed.
 */
export function createJournalNotifier({ clock }: { clock: Clock }): JournalEvents {
  return {
    async attendanceChanged(repos: Repositories, { lesson, school, changes }): Promise<void> {
      // A change from present to present never reaches here; any change touching an absence does,
      // including a correction back to present (the notice is then re-rendered or cancelled).
      const touched = [...new Set(changes.filter((c) => isAbsence(c.before?.status) || isAbsence(c.after.status)).map((c) => c.studentId))];
      if (!touched.length) return;
      const now = clock.now();
      const guardians = await repos.audience.guardiansOf(touched);
      const today = localDateOf(now, school.timezone);
      const entries: OutboxEntry[] = guardians.map((g) => {
        const grace = new Date(now.getTime() + school.policy.absenceGraceMinutes * 60_000);
        let due = g.preferences.absences === 'digest' ? nextLocalTime(now, school.timezone, g.preferences.digestTime) : grace;
        // Today's absence is urgent; a mark for an earlier day waits for the end of the quiet hours.
        if (lesson.date !== today) due = afterQuietHours(due, school.timezone, g.preferences.quietStart, g.preferences.quietEnd);
        const { notBefore, deadline } = capToDeadline(due, now);
        return {
          schoolId: lesson.schoolId,
          recipientId: g.parentId,
          kind: 'absence',
          dedupeKey: `absence:${g.parentId}:${g.studentId}:${lesson.date}`,
          payload: { kind: 'absence', studentId: g.studentId, date: lesson.date },
          notBefore,
          deadline,
        };
      });
      await repos.notifications.upsert(entries);
    },

    async gradesChanged(repos: Repositories, { changes }): Promise<void> {
      // New and changed grades are announced; a removed grade is not (the parent sees the journal).
      const grades = changes.flatMap((c) =>
        c.after ? [{ gradeId: c.after.id, studentId: c.after.studentId, schoolId: c.after.schoolId }] : [],
      );
      if (!grades.length) return;
      const schoolId = grades[0]!.schoolId;
      const school = await repos.schools.findById(schoolId);
      if (!school) return;
      const now = clock.now();
      const studentIds = [...new Set(grades.map((g) => g.studentId))];
      // Guardians and the student's own account (with the consent their age needs) hear alike, each by their own settings.
      const [guardians, students] = await Promise.all([repos.audience.guardiansOf(studentIds), repos.audience.studentsOf(studentIds)]);
      const readers = [...guardians.map((g) => ({ userId: g.parentId, studentId: g.studentId, preferences: g.preferences })), ...students];
      const entries: OutboxEntry[] = [];
      for (const g of readers) {
        const prefs = g.preferences;
        if (prefs.grades === 'off') continue;
        for (const grade of grades.filter((x) => x.studentId === g.studentId)) {
          if (prefs.grades === 'digest') {
            const due = nextLocalTime(now, school.timezone, prefs.digestTime);
            const { notBefore, deadline } = capToDeadline(due, now);
            // One digest per parent and day; at send time it lists what was entered since the previous one.
            const date = localDateOf(notBefore, school.timezone);
            entries.push({
              schoolId,
              recipientId: g.userId,
              kind: 'grade_digest',
              dedupeKey: `digest:${g.userId}:${date}`,
              payload: { kind: 'grade_digest', date },
              notBefore,
              deadline,
            });
          } else {
            const due = afterQuietHours(now, school.timezone, prefs.quietStart, prefs.quietEnd);
            const { notBefore, deadline } = capToDeadline(due, now);
            entries.push({
              schoolId,
              recipientId: g.userId,
              kind: 'grade',
              dedupeKey: `grade:${g.userId}:${grade.gradeId}`,
              payload: { kind: 'grade', gradeId: grade.gradeId },
              notBefore,
              deadline,
            });
          }
        }
      }
      await repos.notifications.upsert(entries);
    },
  };
}
