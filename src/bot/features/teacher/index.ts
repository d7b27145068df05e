import { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import { pressHandler, Refusal, type TeacherDeps } from './acting.js';
import { allAsPlannedFeature } from './all-as-planned.js';
import { attendanceFeature, attendanceTapFeature } from './attendance.js';
import { OURS } from './callback-data.js';
import { gradesFeature } from './grades.js';
import { finalGradesFeature } from './final-grades.js';
import { lessonCardFeature } from './lesson-card.js';
import { todayFeature } from './today.js';
import { workTypeFeature } from './work-type.js';
import { classFlagFeature } from './class-flag.js';
import { teacherConversations, topicHomeworkFeature } from './topic-homework.js';

export type { TeacherDeps } from './acting.js';

/** Data that looks like a teacher button but matched no pattern: tampered, or from an older version. */
function staleButtonFeature() {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(
    OURS,
    pressHandler(async () => {
      throw new Refusal('teacher.refused.stale');
    }),
  );
  return composer;
}

/** The teacher's journal flows, in the order they are installed (createBot's `features`). */
export function teacherFeatures(deps: TeacherDeps): Composer<BotContext>[] {
  return [
    teacherConversations(deps),
    todayFeature(deps),
    lessonCardFeature(deps),
    attendanceFeature(deps),
    topicHomeworkFeature(deps),
    allAsPlannedFeature(deps),
    workTypeFeature(deps),
    gradesFeature(deps),
    finalGradesFeature(deps),
    ...(deps.classFlags ? [classFlagFeature({ ...deps, classFlags: deps.classFlags })] : []),
    staleButtonFeature(),
  ];
}

/** The teacher's flows that answer from the update alone (createBot's `stateless`). */
export function teacherStatelessFeatures(): Composer<BotContext>[] {
  return [attendanceTapFeature()];
}
