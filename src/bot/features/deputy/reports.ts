import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { REPORT_KINDS, type ReportKind } from '../../../domain/reports/index.js';
import { addLocalDays, localDateOf, numericDate, type LocalDate } from '../../../domain/shared/dates.js';
import type { BotContext } from '../../context.js';
import type { MessageKey } from '../../../i18n/index.js';
import { menuTrigger } from '../menu.js';
import { controlUsers, nextRow, press, principalOf, quietEdit, Refusal, type DeputyDeps } from './acting.js';
import { cb, PATTERNS, REPORT_PERIODS, reportKindOf, type ReportPeriod } from './callback-data.js';

/** Telegram shows about 100 buttons; a school has a few dozen classes. */
const MAX_GROUPS = 60;

/** The period a choice means today: this month so far, the whole last month, the school year so far (from 1 September). */
export function reportRange(period: ReportPeriod, today: LocalDate): { from: LocalDate; to: LocalDate } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const monthStart = `${today.slice(0, 7)}-01`;
  if (period === 'm') return { from: monthStart, to: today };
  if (period === 'l') {
    const to = addLocalDays(monthStart, -1);
    return { from: `${to.slice(0, 7)}-01`, to };
  }
  return { from: `${m >= 9 ? y : y - 1}-09-01`, to: today };
}

const kindKey = (kind: ReportKind) => `deputy.kind.${kind}` as MessageKey;

function account(ctx: BotContext) {
  const user = controlUsers(ctx.users)[0];
  if (!user) throw new Refusal('deputy.notAllowed');
  return user;
}

function kindFrom(ctx: { match: RegExpMatchArray }): ReportKind {
  const kind = reportKindOf(ctx.match[1]!);
  if (!kind) throw new Refusal('deputy.stale');
  return kind;
}

function kindList(ctx: BotContext) {
  const kb = new InlineKeyboard();
  for (const kind of REPORT_KINDS) kb.text(ctx.t(kindKey(kind)), cb.reportKind(kind)).row();
  return { text: ctx.t('deputy.reports.pickKind'), keyboard: kb };
}

/**
 * «Отчёты» and /reports: a report kind, a period, then a class (or the whole school); the last
 * press sends the PDF the reports service renders. Every step edits one message in place, and
 * the class step stays, so another class is one more tap.
 */
export function reportsFeature(deps: DeputyDeps) {
  const composer = new Composer<BotContext>();
  const show = async (ctx: BotContext) => {
    if (!controlUsers(ctx.users).length)
      return void (await ctx.reply(ctx.users.length ? ctx.t('deputy.notAllowed') : ctx.t('fallback.unlinked'), { parse_mode: 'HTML' }));
    const list = kindList(ctx);
    await ctx.reply(list.text, { parse_mode: 'HTML', reply_markup: list.keyboard });
  };
  composer.command('reports', show);
  composer.filter((ctx) => controlUsers(ctx.users).length > 0).hears(menuTrigger('reports'), show);

  // `rp1` (the compliance screen's button) opens the list as a new message; «Назад» (`rp1:l`) edits in place.
  composer.callbackQuery(
    PATTERNS.reportList,
    press(async (ctx) => {
      account(ctx);
      const list = kindList(ctx);
      await ctx.reply(list.text, { parse_mode: 'HTML', reply_markup: list.keyboard });
    }),
  );
  composer.callbackQuery(
    PATTERNS.reportBack,
    press(async (ctx) => {
      account(ctx);
      const list = kindList(ctx);
      await quietEdit(ctx.editMessageText(list.text, { parse_mode: 'HTML', reply_markup: list.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.reportKind,
    press(async (ctx) => {
      account(ctx);
      const kind = kindFrom(ctx);
      const kb = new InlineKeyboard();
      for (const p of REPORT_PERIODS) kb.text(ctx.t(`deputy.reports.period.${p}`), cb.reportPeriod(kind, p));
      kb.row().text(ctx.t('deputy.reports.back'), cb.reportBack());
      await quietEdit(
        ctx.editMessageText(ctx.t('deputy.reports.pickPeriod', { kind: ctx.t(kindKey(kind)) }), { parse_mode: 'HTML', reply_markup: kb }),
      );
    }),
  );

  composer.callbackQuery(
    PATTERNS.reportPeriod,
    press(async (ctx) => {
      const user = account(ctx);
      const kind = kindFrom(ctx);
      const period = ctx.match[2] as ReportPeriod;
      const range = reportRange(period, localDateOf(deps.clock.now(), user.timezone));
      // A subgroup is reported under its class: only classes and clubs are offered.
      const groups = (await deps.roster.listGroups(principalOf(user))).filter((g) => g.kind !== 'subgroup').slice(0, MAX_GROUPS);
      const kb = new InlineKeyboard().text(ctx.t('deputy.reports.allSchool'), cb.reportFile(kind, period, null)).row();
      groups.forEach((g, i) => {
        kb.text(g.name.slice(0, 30), cb.reportFile(kind, period, g.id));
        if (i % 3 === 2) kb.row();
      });
      nextRow(kb).text(ctx.t('deputy.reports.back'), cb.reportKind(kind));
      const periodText = `${ctx.t(`deputy.reports.period.${period}`)}: ${ctx.t('deputy.reports.range', { from: numericDate(range.from), to: numericDate(range.to) })}`;
      await quietEdit(
        ctx.editMessageText(ctx.t('deputy.reports.pickGroup', { kind: ctx.t(kindKey(kind)), period: periodText }), {
          parse_mode: 'HTML',
          reply_markup: kb,
        }),
      );
    }),
  );

  composer.callbackQuery(PATTERNS.reportFile, async (ctx) => {
    const user = controlUsers(ctx.users)[0];
    const kind = reportKindOf(ctx.match[1]!);
    if (!user || !kind) {
      await ctx.answerCallbackQuery({ text: ctx.t(user ? 'deputy.stale' : 'deputy.notAllowed'), show_alert: true });
      return;
    }
    const period = ctx.match[2] as ReportPeriod;
    const groupId = Number(ctx.match[3]) || null;
    // The PDF takes a moment: stop the spinner first. A refusal (another school's class) reaches the error boundary.
    await ctx.answerCallbackQuery({ text: ctx.t('deputy.reports.preparing') }).catch(() => {});
    const range = reportRange(period, localDateOf(deps.clock.now(), user.timezone));
    const file = await deps.reports.document(principalOf(user), user.schoolId, kind, { ...range, groupId }, 'pdf');
    const groupName =
      groupId === null
        ? ctx.t('deputy.reports.allSchool')
        : ((await deps.roster.listGroups(principalOf(user))).find((g) => g.id === groupId)?.name ?? '');
    const caption = ctx.t('deputy.reports.caption', {
      kind: ctx.t(kindKey(kind)),
      scope: groupName,
      period: ctx.t('deputy.reports.range', { from: numericDate(range.from), to: numericDate(range.to) }),
    });
    await ctx.replyWithDocument(new InputFile(file.content, file.fileName), { caption, parse_mode: 'HTML' });
  });
  return composer;
}
