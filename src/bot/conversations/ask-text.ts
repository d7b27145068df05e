import type { Conversation } from '@grammyjs/conversations';
import { DomainError } from '../../domain/shared/errors.js';
import type { BotContext, ConversationContext } from '../context.js';
import { allLabels } from '../../i18n/index.js';
import { refusalKey } from '../features/teacher/acting.js';

const MENU_LABELS = new Set(['menu.today', 'menu.otherDay', 'menu.children', 'menu.control'].flatMap((k) => allLabels(k as 'menu.today')));

/**
 * Asks for one line of text until it is non-empty and at most `max` characters. A command, a
 * main-menu button or an inline button press leaves the conversation and is handled as usual,
 * so a teacher who walked away is never stuck in it.
 */
export async function askText(
  conversation: Conversation<BotContext, ConversationContext>,
  ctx: ConversationContext,
  prompt: string,
  max: number,
): Promise<{ text: string; ctx: ConversationContext }> {
  await ctx.reply(prompt, { parse_mode: 'HTML' });
  for (;;) {
    const answer = await conversation.wait();
    if (answer.callbackQuery) await conversation.halt({ next: true });
    const raw = answer.message?.text;
    if (raw === undefined) {
      if (!answer.message) await conversation.halt({ next: true });
      await answer.reply(answer.t('teacher.text.notText'));
      continue;
    }
    if (raw.startsWith('/') || MENU_LABELS.has(raw)) await conversation.halt({ next: true });
    const text = raw.trim();
    if (!text) await answer.reply(answer.t('teacher.text.empty'));
    else if (text.length > max) await answer.reply(answer.t('teacher.text.tooLong', { n: text.length, max }));
    else return { text, ctx: answer };
  }
}

/** What a write inside `external` hands back: plain data, so the replay log can store it. */
export type Outcome = { ok: true; text: string; keyboard: { text: string; callback_data: string }[][] } | { ok: false; text: string };

/** Runs a journal write for `external`: domain refusals become a message, anything else propagates. */
export async function outcomeOf(outer: BotContext, fn: () => Promise<{ text: string; keyboard: unknown[][] }>): Promise<Outcome> {
  try {
    const r = await fn();
    return { ok: true, text: r.text, keyboard: r.keyboard as { text: string; callback_data: string }[][] };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, text: outer.t(refusalKey(err)) };
    throw err;
  }
}

export async function replyOutcome(ctx: ConversationContext, outcome: Outcome): Promise<void> {
  if (outcome.ok) await ctx.reply(outcome.text, { parse_mode: 'HTML', reply_markup: { inline_keyboard: outcome.keyboard } });
  else await ctx.reply(outcome.text);
}
