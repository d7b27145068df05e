import { Composer, InlineKeyboard } from 'grammy';
import type { ComplianceSummary, Period } from '../../../domain/compliance/index.js';
import { instantAt, localDateOf } from '../../../domain/shared/dates.js';
import type { Locale } from '../../../domain/access/types.js';
import type { BotContext } from '../../context.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { formatDay, formatDayMonth, formatMonth, formatTime, type Translate } from '../../../i18n/index.js';
import { menuTrigger } from '../menu.js';
import { complianceUsers, isHeadOnly, press, principalOf, quietEdit, Refusal, shortName, type DeputyDeps } from './acting.js';
import { cb, PATTERNS, periodOf } from './callback-data.js';
import { addDepartmentButtons } from './department-report.js';

/** Teachers per message: two lines each keeps a page on one phone screen. */
export const PAGE_SIZE = 10;

function titleOf(t: Translate, s: ComplianceSummary, tz: string, locale: Locale): string {
  // Noon of the local date is that date in the school's timezone, whatever the offset.
  if (s.period === 'day') return t('deputy.title.day', { day: formatDay(instantAt(s.from, '12:00', tz), tz, locale) });
  if (s.period === 'week') return t('deputy.title.week', { from: formatDayMonth(s.from, locale), to: formatDayMonth(s.to, locale) });
  return t('deputy.title.month', { month: formatMonth(s.from, locale) });
}

const shareText = (t: Translate, share: number | null) =>
  share === null ? t('deputy.share.none') : t('deputy.share', { percent: Math.round(share * 100) });

/** The summary as one page of a message and its keyboard: periods, paging, reports. */
export function renderSummary(t: Translate, s: ComplianceSummary, page: number, tz: string, locale: Locale, reports = true) {
  const pages = Math.max(1, Math.ceil(s.teachers.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const asOf = `${formatDayMonth(localDateOf(s.generatedAt, tz), locale)}, ${formatTime(s.generatedAt, tz)}`;
  const lines = [titleOf(t, s, tz, locale), t('deputy.asOf', { deadline: s.fillDeadline, time: asOf })];
  if (!s.totals.lessons) lines.push('', t('deputy.none'));
  else {
    const tot = s.totals;
    lines.push(
      t('deputy.totals', {
        lessons: tot.lessons,
        onTime: tot.onTime,
        late: tot.late,
        missing: tot.missing,
        pending: tot.pending,
        share: capitalize(shareText(t, tot.onTimeShare)),
      }),
      t('deputy.legend'),
      '',
    );
    s.teachers.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).forEach((x, i) => {
      lines.push(
        t('deputy.teacher', {
          n: current * PAGE_SIZE + i + 1,
          name: shortName(x.teacherName),
          share: shareText(t, x.onTimeShare),
          lessons: x.lessons,
          onTime: x.onTime,
          late: x.late,
          missing: x.missing,
          pending: x.pending,
        }),
      );
    });
    if (pages > 1) lines.push('', t('deputy.page', { page: current + 1, pages }));
  }
  const kb = new InlineKeyboard();
  if (pages > 1) {
    if (current > 0) kb.text(t('deputy.btn.prev'), cb.summary(s.period, current - 1));
    if (current < pages - 1) kb.text(t('deputy.btn.next'), cb.summary(s.period, current + 1));
    kb.row();
  }
  for (const p of ['day', 'week', 'month'] as const) {
    const label = t(`deputy.btn.${p}`);
    kb.text(p === s.period ? `• ${label}` : label, cb.summary(p, 0));
  }
  if (reports) kb.row().text(t('deputy.btn.reports'), cb.reportList());
  return { text: lines.join('\n'), keyboard: kb };
}

const capitalize = (s: string) => s.slice(0, 1).toUpperCase() + s.slice(1);

/** The summary of the first control account of this Telegram user (one school, in practice). */
async function summaryScreen(ctx: BotContext, deps: DeputyDeps, period: Period, page: number) {
  const user = complianceUsers(ctx.users)[0];
  if (!user) return null;
  const summary = await deps.compliance.summary(principalOf(user), { period }).catch((err: unknown) => {
    // The only refusal of a head of department: no department names them head.
    if (err instanceof DomainError && err.code === 'forbidden' && isHeadOnly(user)) throw new Refusal('dept.none');
    throw err;
  });
  const screen = renderSummary(ctx.t, summary, page, user.timezone, ctx.locale, !isHeadOnly(user));
  await addDepartmentButtons(screen.keyboard, ctx.t, deps, user);
  return screen;
}

/** «Контроль» and /compliance: per teacher, lessons filled on time, late and missing; `cp1:` switches period or page. */
export function complianceFeature(deps: DeputyDeps) {
  const composer = new Composer<BotContext>();
  const show = async (ctx: BotContext) => {
    const screen = await summaryScreen(ctx, deps, 'day', 0).catch((err: unknown) => {
      if (err instanceof Refusal) return err;
      throw err;
    });
    if (screen instanceof Refusal) return void (await ctx.reply(ctx.t(screen.key)));
    if (!screen)
      return void (await ctx.reply(ctx.users.length ? ctx.t('deputy.notAllowed') : ctx.t('fallback.unlinked'), { parse_mode: 'HTML' }));
    await ctx.reply(screen.text, { parse_mode: 'HTML', reply_markup: screen.keyboard });
  };
  composer.command('compliance', show);
  composer.filter((ctx) => complianceUsers(ctx.users).length > 0).hears(menuTrigger('control'), show);
  composer.callbackQuery(
    PATTERNS.summary,
    press(async (ctx) => {
      const screen = await summaryScreen(ctx, deps, periodOf(ctx.match[1]!), Number(ctx.match[2]));
      if (!screen) throw new Refusal('deputy.notAllowed');
      await quietEdit(ctx.editMessageText(screen.text, { parse_mode: 'HTML', reply_markup: screen.keyboard }));
    }),
  );
  return composer;
}
