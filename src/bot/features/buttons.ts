import type { InlineKeyboard } from 'grammy';
import type { LinkedUser } from '../../domain/access/types.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { BotContext } from '../context.js';
import type { MessageKey } from '../../i18n/index.js';
import { asWebhookReply } from '../../telegram/index.js';

/** The acting principal of one linked account: every service call from the bot carries one. */
export function principalOf(user: LinkedUser): Principal {
  return { kind: 'user', userId: user.userId, schoolId: user.schoolId, roles: user.roles };
}

/** Thrown by a press handler to refuse with a short alert and change nothing. */
export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly text?: string,
  ) {
    super(key);
  }
}

export type PressContext = BotContext & { match: RegExpMatchArray };

/**
 * Wraps a callback handler of a feature: the returned text is a short toast; a Refusal or a
 * domain error becomes an alert (the feature says which text each domain error gets) and
 * writes nothing; the spinner always stops, also when another error (Telegram refusing an
 * edit, an outage) goes on to the error boundary.
 */
export function buttonHandler(
  feature: string,
  refusalKey: (err: DomainError) => MessageKey,
  fn: (ctx: PressContext) => Promise<string | undefined> | Promise<void>,
  options: ButtonOptions = {},
) {
  return async (ctx: BotContext & { match: RegExpMatchArray | string }) => {
    let text: string | undefined;
    let alert = false;
    try {
      text = (await fn(ctx as PressContext)) ?? undefined;
    } catch (err) {
      if (err instanceof Refusal) text = err.text ?? ctx.t(err.key);
      else if (err instanceof DomainError) text = ctx.t(refusalKey(err));
      else {
        // Telegram refused an edit, or something is down: the spinner still stops before the
        // error boundary logs it (and, for a webhook, Telegram is asked to redeliver).
        await ctx.answerCallbackQuery().catch(() => {});
        throw err;
      }
      alert = true;
      ctx.log?.info({ data: ctx.callbackQuery?.data, refusal: err instanceof Refusal ? err.key : err.code }, `${feature} button refused`);
    }
    const answer = () => ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined);
    await (options.webhookReply ? asWebhookReply(answer) : answer()).catch(() => {});
  };
}

export interface ButtonOptions {
  /**
   * Answer in the webhook reply (one Bot API request less per press, and the spinner stops a
   * round trip sooner). Only for presses that leave nothing to write after the handler: a
   * press that enters a conversation must not, since the conversation's state is stored after
   * the answer would have gone and Telegram could no longer be asked to redeliver.
   */
  webhookReply?: boolean;
}

/**
 * Starts a new row of `kb` unless the last one is still empty: after a loop that breaks rows
 * every n buttons, the next row must not leave an empty one behind.
 */
export function nextRow(kb: InlineKeyboard): InlineKeyboard {
  const rows = kb.inline_keyboard;
  return rows.length && rows[rows.length - 1]!.length === 0 ? kb : kb.row();
}

/** Telegram refuses an edit that changes nothing ("message is not modified"): a double tap, harmless. */
export async function quietEdit(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Error && /message is not modified/i.test(err.message)) return;
    throw err;
  }
}
