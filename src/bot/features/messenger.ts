import { Composer, InlineKeyboard } from 'grammy';
import { MESSENGERS, type LinkedUser, type Messenger, type MessengerChoice } from '../../domain/access/types.js';
import { ValidationError } from '../../domain/shared/errors.js';
import type { BotContext } from '../context.js';
import type { BotMessengers } from '../deps.js';

/** A screen as text and buttons, so a feature can draw another's rows into its own. */
export interface Screen {
  html: string;
  keyboard: InlineKeyboard;
}

/** The rows of the preferred-messenger choice: a text line and a row of buttons per user. */
export interface MessengerRows {
  lines: string[];
  rows: { text: string; data: string }[][];
}

const NAMES: Record<Messenger, string> = { telegram: 'Telegram', max: 'MAX' };
const PREFIX = 'pm1';

export const preferredMessengerData = (userId: number, messenger: Messenger) => `${PREFIX}:${userId}:${messenger}`;

const isMessenger = (value: string): value is Messenger => (MESSENGERS as readonly string[]).includes(value);
const ticked = (choice: MessengerChoice, m: Messenger) => (choice.effective === m ? `✓ ${NAMES[m]}` : NAMES[m]);

/** The choices of the linked users, each once (a person's users share a messenger account). */
async function choicesOf(ctx: BotContext, access: BotMessengers): Promise<{ user: LinkedUser; choice: MessengerChoice }[]> {
  return Promise.all(ctx.users.map(async (user) => ({ user, choice: await access.messengerChoice(user.userId) })));
}

/**
 * The row «📨 Уведомления: ✓ Telegram · MAX» with a button per messenger, for each linked user
 * who is linked in both messengers; nothing for the others (there is nothing to choose).
 */
export async function messengerRows(ctx: BotContext, access: BotMessengers): Promise<MessengerRows> {
  const both = (await choicesOf(ctx, access)).filter(({ choice }) => MESSENGERS.every((m) => choice.linked.includes(m)));
  const lines: string[] = [];
  const rows: MessengerRows['rows'] = [];
  for (const { user, choice } of both) {
    const text = MESSENGERS.map((m) => ticked(choice, m)).join(' · ');
    lines.push(
      both.length > 1 ? ctx.t('messenger.rowOf', { school: user.schoolName, choice: text }) : ctx.t('messenger.row', { choice: text }),
    );
    const suffix = both.length > 1 ? ` · ${user.schoolName}` : '';
    rows.push(MESSENGERS.map((m) => ({ text: `${ticked(choice, m)}${suffix}`, data: preferredMessengerData(user.userId, m) })));
  }
  return { lines, rows };
}

export function withRows(keyboard: InlineKeyboard, rows: MessengerRows['rows']): InlineKeyboard {
  for (const row of rows) {
    keyboard.row();
    for (const b of row) keyboard.text(b.text, b.data);
  }
  return keyboard;
}

/**
 * Where notices go for a person linked in both Telegram and MAX: `/messenger` for every role,
 * and the `pm1:<userId>:<messenger>` buttons wherever they are drawn (the parents' and
 * students' settings draw them too). One flow for both messengers. The press is checked as
 * untrusted input: another person's user id, an unknown messenger or one the person is not
 * linked in is refused with a message and changes nothing. After a press the screen is drawn
 * again: the settings (when `settings` draws one for this person), else the messenger screen.
 */
export function messengerFeature(deps: { access: BotMessengers; settings?: (ctx: BotContext) => Promise<Screen | null> }) {
  const composer = new Composer<BotContext>();

  async function screen(ctx: BotContext): Promise<Screen | null> {
    const settings = await deps.settings?.(ctx);
    if (settings) return settings;
    const { lines, rows } = await messengerRows(ctx, deps.access);
    if (!rows.length) return null;
    return { html: [ctx.t('messenger.title'), '', ...lines].join('\n'), keyboard: withRows(new InlineKeyboard(), rows) };
  }

  composer.command('messenger', async (ctx) => {
    if (!ctx.users.length) return void (await ctx.reply(ctx.t('fallback.unlinked'), { parse_mode: 'HTML' }));
    const shown = await screen(ctx);
    if (shown) return void (await ctx.reply(shown.html, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    const choice = await deps.access.messengerChoice(ctx.users[0]!.userId);
    await ctx.reply(ctx.t('messenger.onlyOne', { messenger: NAMES[choice.effective ?? 'telegram'] }));
  });

  composer.callbackQuery(new RegExp(`^${PREFIX}:`), async (ctx) => {
    // Told twice: the alert where the messenger shows one, and a message that stays.
    const refuse = async (message: string) => {
      await ctx.answerCallbackQuery({ text: message, show_alert: true });
      await ctx.reply(message);
    };
    const [, id, messenger] = /^pm1:(\d{1,12}):([a-z]{1,16})$/.exec(ctx.callbackQuery.data) ?? [];
    // Acts only on a user of the presser's own account, whatever the button says.
    const user = ctx.users.find((u) => String(u.userId) === id);
    if (!user || messenger === undefined) return refuse(ctx.t('messenger.forged'));
    if (!isMessenger(messenger)) return refuse(ctx.t('messenger.unknown'));
    try {
      await deps.access.setPreferredMessenger(user.userId, messenger);
    } catch (err) {
      if (err instanceof ValidationError) return refuse(ctx.t('messenger.notLinked', { messenger: NAMES[messenger] }));
      throw err;
    }
    await ctx.answerCallbackQuery(ctx.t('messenger.saved', { messenger: NAMES[messenger] }));
    const shown = await screen(ctx);
    if (!shown) return void (await ctx.reply(ctx.t('messenger.saved', { messenger: NAMES[messenger] })));
    await ctx.editMessageText(shown.html, { parse_mode: 'HTML', reply_markup: shown.keyboard }).catch(async (err: unknown) => {
      // The press of the button already ticked changes nothing on the screen.
      if (String(err).includes('not modified')) return;
      await ctx.reply(shown.html, { parse_mode: 'HTML', reply_markup: shown.keyboard });
    });
  });
  return composer;
}
