import { Composer, InlineKeyboard } from 'grammy';
import { finalGradesOpen } from '../../../domain/journal/grade-rules.js';
import type { LessonView } from '../../../domain/journal/index.js';
import { gradeValues } from '../../../domain/schools/policy.js';
import { localDateOf } from '../../../domain/shared/dates.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import { GRADE_COMMENT } from '../../conversations/ids.js';
import type { Translate } from '../../../i18n/index.js';
import { nextRow, openLesson, pressHandler, quietEdit, readOnlyKey, Refusal, shortName, type TeacherDeps } from './acting.js';
import { cb, kindOf, PATTERNS, rosterHash, valueCode, gradeValueOf, type KindCode, type ValueCode } from './callback-data.js';

const FINAL_KINDS: KindCode[] = ['1', '2', '3', '4', 'y'];

export function valueLabel(t: Translate, value: string): string {
  return value === 'pass' ? t('teacher.value.pass') : value === 'fail' ? t('teacher.value.fail') : value;
}

function kindLabel(t: Translate, code: KindCode): string {
  const { kind, term } = kindOf(code);
  return kind === 'current'
    ? t('teacher.grades.kind.current')
    : kind === 'year'
      ? t('teacher.grades.kind.year')
      : t('teacher.grades.kind.term', { term: term! });
}

/** What the school allows now: its scale, and whether term and year grades are open this month. */
export interface GradeRules {
  values: string[];
  finalOpen: boolean;
}

export async function gradeRulesFor(deps: TeacherDeps, principal: Principal, schoolId: number): Promise<GradeRules> {
  const school = await deps.schools.get(principal, schoolId);
  const month = Number(localDateOf(deps.clock.now(), school.timezone).slice(5, 7));
  return { values: gradeValues(school.policy.gradeScale), finalOpen: finalGradesOpen(month, school.policy.finalGradeMonths) };
}

/** The students of the lesson with their grades on it; the kind row only when final grades are open. */
export function renderStudents(t: Translate, view: LessonView, kind: KindCode, rules: GradeRules, banner?: string) {
  const id = view.lesson.id;
  const hash = rosterHash(view.students.map((s) => s.id));
  const kb = new InlineKeyboard();
  view.students.forEach((s, i) => {
    const marks = view.grades
      .filter((g) => g.studentId === s.id)
      .map((g) => valueLabel(t, g.value))
      .join(' ');
    kb.text(`${shortName(s)}${marks ? ` · ${marks}` : ''}`, cb.gradeStudent(id, kind, i, hash));
    if (i % 2 === 1) kb.row();
  });
  nextRow(kb);
  if (rules.finalOpen) {
    kb.text(`${kind === 'c' ? '• ' : ''}${t('teacher.btn.kind.current')}`, cb.grades(id, 'c'));
    for (const k of FINAL_KINDS) {
      const label = k === 'y' ? t('teacher.btn.kind.year') : t('teacher.btn.kind.term', { term: Number(k) });
      kb.text(`${kind === k ? '• ' : ''}${label}`, cb.grades(id, k));
    }
    kb.row();
  }
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
    const rules = await gradeRulesFor(deps, principal, view.lesson.schoolId);
    if (kind !== 'c' && !rules.finalOpen) throw new Refusal('teacher.refused.finalClosed');
    if (idx === undefined) return { principal, view, rules, student: null };
    const student = view.students[Number(idx)];
    if (!student || rosterHash(view.students.map((s) => s.id)) !== hash) throw new Refusal('teacher.refused.stale');
    return { principal, view, rules, student };
  }

  composer.callbackQuery(
    PATTERNS.grades,
    pressHandler(async (ctx) => {
      const kind = ctx.match[2] as KindCode;
      const { view, rules } = await resolve(ctx, Number(ctx.match[1]), kind);
      const shown = renderStudents(ctx.t, view, kind, rules);
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.gradeStudent,
    pressHandler(async (ctx) => {
      const [, id, k, idx, hash] = ctx.match;
      const kind = k as KindCode;
      const { view, rules, student } = await resolve(ctx, Number(id), kind, idx, hash);
      const kb = new InlineKeyboard();
      for (const v of rules.values) kb.text(valueLabel(ctx.t, v), cb.gradeValue(view.lesson.id, kind, Number(idx), hash!, valueCode(v)));
      kb.row();
      for (const v of rules.values)
        kb.text(`${valueLabel(ctx.t, v)} 💬`, cb.gradeWithComment(view.lesson.id, kind, Number(idx), hash!, valueCode(v)));
      kb.row().text(ctx.t('teacher.btn.back'), cb.grades(view.lesson.id, kind));
      const text = `${ctx.t('teacher.grades.title', { subject: view.subjectName, group: view.groupName, kind: kindLabel(ctx.t, kind) })}\n\n${ctx.t('teacher.grades.pickValue', { name: shortName(student!) })}`;
      await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.gradeValue,
    pressHandler(async (ctx) => {
      const [, id, k, idx, hash, v] = ctx.match;
      const kind = k as KindCode;
      const { principal, view, rules, student } = await resolve(ctx, Number(id), kind, idx, hash);
      const value = gradeValueOf(v as ValueCode);
      if (!rules.values.includes(value)) throw new Refusal('teacher.refused.scale');
      await deps.journal.addGrades(principal, view.lesson.id, [{ studentId: student!.id, value, ...kindOf(kind) }]);
      const fresh = await deps.journal.getLesson(principal, view.lesson.id);
      const banner = `✅ ${ctx.t('teacher.grades.saved', { name: shortName(student!), value: valueLabel(ctx.t, value) })}`;
      const shown = renderStudents(ctx.t, fresh, kind, rules, banner);
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
