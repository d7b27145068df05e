import { Composer, InputFile } from 'grammy';
import type { LinkedUser } from '../../../domain/access/types.js';
import type { CourseReportRequest, CourseFile } from '../../../domain/reports/course/index.js';
import type { Clock } from '../../../domain/shared/clock.js';
import { localDateOf, numericDate } from '../../../domain/shared/dates.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import type { BotCourseReports } from '../../deps.js';
import type { MessageKey } from '../../../i18n/index.js';
import { buttonHandler, principalOf, quietEdit, Refusal, type PressContext } from '../buttons.js';
import { controlUsers } from '../deputy/acting.js';
import { menuTrigger } from '../menu.js';
import { asFirstAllowed } from '../teacher/acting.js';
import { monthOf, optionalNumber, OURS, PATTERNS, type FileFormat } from './callback-data.js';
import { attendanceScreen, courseScreen, coursesScreen, planScreen, sheetScreen, type Screen } from './screens.js';

export { courseMenuKeyboard } from './course-menu-keyboard.js';

export interface TeacherReportsDeps {
  courseReports: BotCourseReports;
  clock: Clock;
}

/** The accounts that teach: a subject teacher, or a class teacher (who teaches too). */
export function teachingUsers(users: readonly LinkedUser[]): LinkedUser[] {
  return users.filter((u) => u.roles.includes('teacher') || u.roles.includes('class_teacher'));
}

const refusalKey = (err: { code: string }): MessageKey =>
  err.code === 'forbidden'
    ? 'treports.notYours'
    : err.code === 'not_found'
      ? 'treports.notFound'
      : err.code === 'validation_failed'
        ? 'treports.stale'
        : 'error.generic';
const press = (fn: (ctx: PressContext) => Promise<string | undefined> | Promise<void>) => buttonHandler('treports', refusalKey, fn);

function teacher(ctx: BotContext): LinkedUser {
  const user = teachingUsers(ctx.users)[0];
  if (!user) throw new Refusal('treports.notYours');
  return user;
}

/**
 * «Отчёты» of a subject teacher: their courses → a course's menu → a report screen → the file
 * (PDF, or CSV on request). Screens edit one message in place; a file comes as a new message.
 * Installed before the deputy's reports: a teacher who is also deputy sees their courses first
 * and the school's reports one button away.
 */
export function teacherReportsFeature(deps: TeacherReportsDeps) {
  const { courseReports: service, clock } = deps;
  const composer = new Composer<BotContext>();
  const teaching = composer.filter((ctx) => teachingUsers(ctx.users).length > 0);
  /** As the first teaching account the course service lets read the course. */
  const asTeacher = <V>(ctx: BotContext, act: (p: Principal) => Promise<V>) => asFirstAllowed(teachingUsers(ctx.users), act);
  const edit = (ctx: BotContext, s: Screen) => quietEdit(ctx.editMessageText(s.text, { parse_mode: 'HTML', reply_markup: markup(s) }));
  const list = async (ctx: BotContext) => {
    const user = teacher(ctx);
    return coursesScreen(ctx.t, await service.myCourses(principalOf(user)), controlUsers(ctx.users).length > 0);
  };
  const today = (ctx: BotContext) => localDateOf(clock.now(), teacher(ctx).timezone);

  const show = async (ctx: BotContext) => {
    const s = await list(ctx);
    await ctx.reply(s.text, { parse_mode: 'HTML', reply_markup: markup(s) });
  };
  teaching.command('reports', show);
  teaching.hears(menuTrigger('reports'), show);

  composer.callbackQuery(
    PATTERNS.courses,
    press(async (ctx) => {
      const s = await list(ctx);
      if (ctx.match[1]) await edit(ctx, s);
      else await ctx.reply(s.text, { parse_mode: 'HTML', reply_markup: markup(s) });
    }),
  );
  composer.callbackQuery(
    PATTERNS.course,
    press(async (ctx) => {
      teacher(ctx);
      const { view } = await asTeacher(ctx, (p) => service.sheetPeriods(p, Number(ctx.match[1])));
      await edit(ctx, courseScreen(ctx.t, view.course));
    }),
  );
  composer.callbackQuery(
    PATTERNS.sheet,
    press(async (ctx) => {
      teacher(ctx);
      const { view } = await asTeacher(ctx, (p) => service.sheetPeriods(p, Number(ctx.match[1])));
      const term = optionalNumber(ctx.match[2]!);
      const shown = term === null ? view.current : view.periods.find((p) => p.term === term);
      if (!shown) throw new Refusal('treports.notFound');
      await edit(ctx, sheetScreen(ctx.t, view.course, view.periods, shown));
    }),
  );
  composer.callbackQuery(
    PATTERNS.attendance,
    press(async (ctx) => {
      const now = today(ctx);
      const { view } = await asTeacher(ctx, (p) => service.sheetPeriods(p, Number(ctx.match[1])));
      const month = monthOf(ctx.match[2]!) ?? now.slice(0, 7);
      if (month > now.slice(0, 7)) throw new Refusal('treports.stale');
      await edit(ctx, attendanceScreen(ctx.t, ctx.locale, view.course, month, now));
    }),
  );
  composer.callbackQuery(
    PATTERNS.plan,
    press(async (ctx) => {
      const courses = await service.myCourses(principalOf(teacher(ctx)));
      await edit(ctx, planScreen(ctx.t, courses.length, today(ctx), optionalNumber(ctx.match[1]!)));
    }),
  );

  const send = async (ctx: PressContext, request: CourseReportRequest, format: string) => {
    teacher(ctx);
    const { view: file } = await asTeacher(ctx, (p) => service.document(p, request, (format as FileFormat) === 'c' ? 'csv' : 'pdf'));
    await ctx.replyWithDocument(new InputFile(file.content, file.fileName), { caption: caption(ctx, file), parse_mode: 'HTML' });
  };
  composer.callbackQuery(
    PATTERNS.sheetFile,
    press((ctx) => send(ctx, { kind: 'course-sheet', courseId: Number(ctx.match[1]), term: optionalNumber(ctx.match[2]!) }, ctx.match[3]!)),
  );
  composer.callbackQuery(
    PATTERNS.attendanceFile,
    press((ctx) => send(ctx, { kind: 'course-attendance', courseId: Number(ctx.match[1]), month: monthOf(ctx.match[2]!) }, ctx.match[3]!)),
  );
  composer.callbackQuery(
    PATTERNS.planFile,
    press((ctx) => send(ctx, { kind: 'teacher-plan' }, ctx.match[2]!)),
  );
  composer.callbackQuery(
    OURS,
    press(async () => {
      throw new Refusal('treports.stale');
    }),
  );
  return composer;
}

/** No keyboard at all rather than an empty one (a teacher with no courses and no staff role). */
const markup = (s: Screen) => (s.keyboard.inline_keyboard.some((row) => row.length) ? s.keyboard : undefined);

function caption(ctx: BotContext, file: CourseFile): string {
  const { about } = file;
  return ctx.t('treports.caption', {
    title: ctx.t(`treports.kind.${about.kind}`),
    scope: about.course ? `${about.course.subjectName}, ${about.course.groupName}` : ctx.t('treports.allCourses'),
    period: `${numericDate(about.from)} – ${numericDate(about.to)}`,
  });
}
