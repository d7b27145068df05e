import { Composer, InlineKeyboard } from 'grammy';
import type { FinalSheet, LessonView } from '../../../domain/journal/index.js';
import { gradeValues } from '../../../domain/schools/policy.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import { GRADE_COMMENT } from '../../conversations/ids.js';
import type { Translate } from '../../../i18n/index.js';
import { nextRow, openLesson, pressHandler, quietEdit, readOnlyKey, Refusal, shortName, type TeacherDeps } from './acting.js';
import { valueLabel } from './grade-values.js';
import { FLAG, studentLines } from './final-grades-view.js';
import { cb, kindOf, PATTERNS, rosterHash, valueCode, gradeValueOf, type KindCode, type ValueCode } from './callback-data.js';

export { valueLabel };

function kindLabel(t: Translate, code: KindCode): string {
  const { kind, term } = kindOf(code);
  return kind === 'current'
    ? t('teacher.grades.kind.current')
    : kind === 'year'
      ? t('teacher.grades.kind.year')
      : t('teacher.grades.kind.term', { term: term! });
}

/** What the school allows now: its scale, the final-grade kinds open for the class, and whether its final-grade screen exists. */
export interface GradeRules {
  values: string[];
  finalKinds: KindCode[];
  screen: boolean;
}

/** The rules of a lesson's course; the final-grade screen only for the course's own teacher (not a substitute). */
export async function gradeRulesFor(
  deps: TeacherDeps,
  principal: Principal,
  lesson: { schoolId: number; courseId: number },
): Promise<GradeRules> {
  const [school, options] = await Promise.all([
    deps.schools.get(principal, lesson.schoolId),
    deps.journal.finalOptions(principal, lesson.courseId),
  ]);
  const finalKinds: KindCode[] = [...options.openTerms.map((n) => String(n) as KindCode), ...(options.yearOpen ? ['y' as const] : [])];
  return { values: gradeValues(school.policy.gradeScale), finalKinds, screen: options.periods && options.mine };
}

/** The class's sheet of a term kind for its teacher, when study periods cover the class (its averages and suggestions). */
async function termSheet(
  deps: TeacherDeps,
  principal: Principal,
  courseId: number,
  kind: KindCode,
  rules: GradeRules,
): Promise<FinalSheet | null> {
  if (!rules.screen || kind === 'c' || kind === 'y') return null;
  return deps.journal.finalSheet(principal, courseId, Number(kind));
}

/** The students of the lesson with their grades on it; the kind row only when final grades are open. */
export function renderStudents(
  t: Translate,
  view: LessonView,
  kind: KindCode,
  rules: GradeRules,
  banner?: string,
  sheet?: FinalSheet | null,
) {
  const id = view.lesson.id;
  const hash = rosterHash(view.students.map((s) => s.id));
  const kb = new InlineKeyboard();
  view.students.forEach((s, i) => {
    const marks = view.grades
      .filter((g) => g.studentId === s.id)
      .map((g) => valueLabel(t, g.value))
      .join(' ');
    const flag = FLAG[sheet?.students.find((x) => x.student.id === s.id)?.minimum ?? 'ok'];
    kb.text(`${shortName(s)}${flag}${marks ? ` · ${marks}` : ''}`, cb.gradeStudent(id, kind, i, hash));
    if (i % 2 === 1) kb.row();
  });
  nextRow(kb);
  if (rules.finalKinds.length) {
    kb.text(`${kind === 'c' ? '• ' : ''}${t('teacher.btn.kind.current')}`, cb.grades(id, 'c'));
    for (const k of rules.finalKinds) {
      const label = k === 'y' ? t('teacher.btn.kind.year') : t('teacher.btn.kind.term', { term: Number(k) });
      kb.text(`${kind === k ? '• ' : ''}${label}`, cb.grades(id, k));
    }
    kb.row();
  }
  if (rules.screen && rules.finalKinds.length) kb.text(t('final.btn.open'), cb.finalGrades(view.lesson.courseId)).row();
  kb.text(t('teacher.btn.back'), cb.cardInPlace(id));
  const title = t('teacher.grades.title', { subject: view.subjectName, group: view.groupName, kind: kindLabel(t, kind) });
  const text = [banner, title, t('teacher.grades.pickStudent')].filter(Boolean).join('\n\n');
  return { text, keyboard: kb };
}

/**
 * Grades by taps: a student, then a mark of the school's scale (saved at once), or the same
 * mark with 💬 to type a comment first. Term and year grades only in the policy's months; the
 * keyboard never offers "н/а" or "осв.", and crafted data with them does not parse.
 */
export function gradesFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();

  /** Re-authorized lesson, its rules, and the student the data points at (when it does). */
  async function resolve(ctx: BotContext, lessonId: number, kind: KindCode, idx?: string, hash?: string) {
    const { principal, view } = await openLesson(deps.journal, ctx.users, lessonId);
    if (!view.attendanceEditable.editable) throw new Refusal(readOnlyKey(view.attendanceEditable.reason));
    const rules = await gradeRulesFor(deps, principal, view.lesson);
    if (kind !== 'c' && !rules.finalKinds.includes(kind)) throw new Refusal('teacher.refused.finalClosed');
    const sheet = await termSheet(deps, principal, view.lesson.courseId, kind, rules);
    if (idx === undefined) return { principal, view, rules, sheet, student: null, entry: null };
    const student = view.students[Number(idx)];
    if (!student || rosterHash(view.students.map((s) => s.id)) !== hash) throw new Refusal('teacher.refused.stale');
    return { principal, view, rules, sheet, student, entry: sheet?.students.find((x) => x.student.id === student.id) ?? null };
  }

  composer.callbackQuery(
    PATTERNS.grades,
    pressHandler(async (ctx) => {
      const kind = ctx.match[2] as KindCode;
      const { view, rules, sheet } = await resolve(ctx, Number(ctx.match[1]), kind);
      const shown = renderStudents(ctx.t, view, kind, rules, undefined, sheet);
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.gradeStudent,
    pressHandler(async (ctx) => {
      const [, id, k, idx, hash] = ctx.match;
      const kind = k as KindCode;
      const { view, rules, sheet, student, entry } = await resolve(ctx, Number(id), kind, idx, hash);
      const kb = new InlineKeyboard();
      // A term grade: the student's marks of the period and the suggestion, taken in one tap.
      if (entry?.suggestion && rules.values.includes(entry.suggestion))
        kb.text(
          ctx.t('final.btn.take', { value: valueLabel(ctx.t, entry.suggestion) }),
          cb.gradeValue(view.lesson.id, kind, Number(idx), hash!, valueCode(entry.suggestion)),
        ).row();
      for (const v of rules.values) kb.text(valueLabel(ctx.t, v), cb.gradeValue(view.lesson.id, kind, Number(idx), hash!, valueCode(v)));
      kb.row();
      for (const v of rules.values)
        kb.text(`${valueLabel(ctx.t, v)} 💬`, cb.gradeWithComment(view.lesson.id, kind, Number(idx), hash!, valueCode(v)));
      kb.row().text(ctx.t('teacher.btn.back'), cb.grades(view.lesson.id, kind));
      const period = sheet && entry ? `\n${studentLines(ctx.t, ctx.locale, sheet, entry).join('\n')}` : '';
      const text = `${ctx.t('teacher.grades.title', { subject: view.subjectName, group: view.groupName, kind: kindLabel(ctx.t, kind) })}\n\n${ctx.t('teacher.grades.pickValue', { name: shortName(student!) })}${period}`;
      await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.gradeValue,
    pressHandler(async (ctx) => {
      const [, id, k, idx, hash, v] = ctx.match;
      const kind = k as KindCode;
      const { principal, view, rules, sheet, student, entry } = await resolve(ctx, Number(id), kind, idx, hash);
      const value = gradeValueOf(v as ValueCode);
      if (!rules.values.includes(value)) throw new Refusal('teacher.refused.scale');
      if (entry?.minimum === 'refuse')
        throw new Refusal(
          'final.refused.minimum',
          ctx.t('final.refused.minimum', { count: entry.marks.length, min: sheet!.minCurrentGrades }),
        );
      await deps.journal.addGrades(principal, view.lesson.id, [{ studentId: student!.id, value, ...kindOf(kind) }]);
      const fresh = await deps.journal.getLesson(principal, view.lesson.id);
      const saved = `✅ ${ctx.t('teacher.grades.saved', { name: shortName(student!), value: valueLabel(ctx.t, value) })}`;
      const warn =
        entry?.minimum === 'warn' ? ctx.t('final.underMinimum', { count: entry.marks.length, min: sheet!.minCurrentGrades }) : '';
      const shown = renderStudents(ctx.t, fresh, kind, rules, [saved, warn].filter(Boolean).join('\n'), sheet);
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.gradeWithComment,
    pressHandler(
      async (ctx) => {
        const [, id, k, idx, hash, v] = ctx.match;
        const kind = k as KindCode;
        const { view, rules, student } = await resolve(ctx, Number(id), kind, idx, hash);
        const value = gradeValueOf(v as ValueCode);
        if (!rules.values.includes(value)) throw new Refusal('teacher.refused.scale');
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(GRADE_COMMENT, {
          lessonId: view.lesson.id,
          studentId: student!.id,
          name: shortName(student!),
          value,
          kind,
        });
      },
      { asksQuestion: true },
    ),
  );
  return composer;
}
