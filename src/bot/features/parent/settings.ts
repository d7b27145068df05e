import { Composer, InlineKeyboard } from 'grammy';
import type { Preferences } from '../../../domain/outbox/types.js';
import type { BotContext } from '../../context.js';
import type { BotFamily, BotMessengers } from '../../deps.js';
import type { Translate } from '../../../i18n/index.js';
import { menuTrigger } from '../menu.js';
import { messengerRows, withRows, type Screen } from '../messenger.js';
import { principalOf, readerUsers } from './principals.js';

const DIGEST_TIMES = ['07:00', '08:00', '15:00', '17:00', '18:00', '19:00', '20:00', '21:00'];
const QUIET_HOURS = [
  ['21:00', '07:30'],
  ['22:00', '07:00'],
  ['20:00', '08:00'],
  ['23:00', '06:00'],
] as const;
const GRADE_CYCLE: Record<Preferences['grades'], Preferences['grades']> = { realtime: 'digest', digest: 'off', off: 'realtime' };
const compact = (time: string) => time.replace(':', '');
const uncompact = (hhmm: string) => `${hhmm.slice(0, 2)}:${hhmm.slice(2)}`;

function settingsText(t: Translate, p: Preferences): string {
  return t('settings.title', {
    absences: p.absences === 'realtime' ? t('settings.absences.realtime') : t('settings.absences.digest', { time: p.digestTime }),
    grades: p.grades === 'digest' ? t('settings.grades.digest', { time: p.digestTime }) : t(`settings.grades.${p.grades}`),
    quiet: `${p.quietStart}–${p.quietEnd}`,
    email: p.emailFallback ? t('settings.on') : t('settings.off'),
    language: t('settings.language'),
  });
}

function settingsKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('settings.btn.absences'), 'st:a')
    .row()
    .text(t('settings.btn.grades'), 'st:g')
    .row()
    .text(t('settings.btn.digest'), 'st:dt')
    .text(t('settings.btn.quiet'), 'st:q')
    .row()
    .text(t('settings.btn.email'), 'st:e')
    .text(t('settings.btn.language'), 'st:l');
}

/**
 * The settings screen of the presser's first parent or student account, with the
 * preferred-messenger row when `messengers` is given and the person is linked in both
 * Telegram and MAX (features/messenger.ts answers its buttons); null for staff.
 */
export function settingsScreen(family: BotFamily, messengers?: BotMessengers) {
  return async (ctx: BotContext): Promise<Screen | null> => {
    const first = readerUsers(ctx.users)[0];
    if (!first) return null;
    const prefs = await family.preferences(principalOf(first));
    const choice = messengers ? await messengerRows(ctx, messengers) : { lines: [], rows: [] };
    return {
      html: [settingsText(ctx.t, prefs), ...choice.lines].join('\n'),
      keyboard: withRows(settingsKeyboard(ctx.t), choice.rows),
    };
  };
}

/**
 * Notification settings of parents and students (a student's grade notices: realtime, digest or
 * off). A Telegram account linked to several parent accounts has one set of
 * settings in practice: the screen shows the first account's and a change goes to all of them.
 */
export function settingsFeature(family: BotFamily, messengers?: BotMessengers) {
  const composer = new Composer<BotContext>();
  const screenOf = settingsScreen(family, messengers);
  const current = (ctx: BotContext) => {
    const first = readerUsers(ctx.users)[0];
    return first ? family.preferences(principalOf(first)) : null;
  };
  async function show(ctx: BotContext) {
    const screen = await screenOf(ctx);
    if (!screen) return void (await ctx.reply(ctx.t('privacy.notParent')));
    await ctx.reply(screen.html, { parse_mode: 'HTML', reply_markup: screen.keyboard });
  }
  async function change(ctx: BotContext, patch: (p: Preferences) => Partial<Preferences>) {
    const prefs = await current(ctx);
    if (!prefs) return ctx.answerCallbackQuery();
    const next = patch(prefs);
    for (const user of readerUsers(ctx.users)) await family.updatePreferences(principalOf(user), next);
    await ctx.answerCallbackQuery(ctx.t('settings.saved'));
    const screen = (await screenOf(ctx))!;
    await ctx
      .editMessageText(screen.html, { parse_mode: 'HTML', reply_markup: screen.keyboard })
      .catch(() => ctx.reply(screen.html, { parse_mode: 'HTML', reply_markup: screen.keyboard }));
  }

  composer.command('settings', show);
  composer.hears(menuTrigger('settings'), show);
  composer.callbackQuery('st:show', async (ctx) => {
    await ctx.answerCallbackQuery();
    await show(ctx);
  });
  composer.callbackQuery('st:a', (ctx) => change(ctx, (p) => ({ absences: p.absences === 'realtime' ? 'digest' : 'realtime' })));
  composer.callbackQuery('st:g', (ctx) => change(ctx, (p) => ({ grades: GRADE_CYCLE[p.grades] })));
  composer.callbackQuery('st:e', (ctx) => change(ctx, (p) => ({ emailFallback: !p.emailFallback })));
  composer.callbackQuery('st:dt', async (ctx) => {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    DIGEST_TIMES.forEach((time, i) => {
      if (i && i % 4 === 0) keyboard.row();
      keyboard.text(time, `st:dt:${compact(time)}`);
    });
    await ctx.reply(ctx.t('settings.chooseDigest'), { reply_markup: keyboard });
  });
  composer.callbackQuery('st:q', async (ctx) => {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const [start, end] of QUIET_HOURS) keyboard.text(`${start}–${end}`, `st:q:${compact(start)}-${compact(end)}`).row();
    await ctx.reply(ctx.t('settings.chooseQuiet'), { reply_markup: keyboard });
  });
  // Times arrive from buttons but are untrusted: the service validates them.
  composer.callbackQuery(/^st:dt:(\d{4})$/, (ctx) => change(ctx, () => ({ digestTime: uncompact(ctx.match[1]!) })));
  composer.callbackQuery(/^st:q:(\d{4})-(\d{4})$/, (ctx) =>
    change(ctx, () => ({ quietStart: uncompact(ctx.match[1]!), quietEnd: uncompact(ctx.match[2]!) })),
  );
  composer.callbackQuery('st:l', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('language.choose'), { reply_markup: new InlineKeyboard().text('Русский', 'lang:ru').text('English', 'lang:en') });
  });
  return composer;
}
