import { GrammyError, HttpError, InlineKeyboard, InputFile, type Api } from 'grammy';
import { createBotApi, type BotApiTarget } from '../../telegram/index.js';
import { ChannelError, type RenderedMessage, type TelegramChannel } from './types.js';

function keyboard(message: RenderedMessage): InlineKeyboard | undefined {
  if (!message.buttons?.length) return undefined;
  const kb = new InlineKeyboard();
  message.buttons.forEach((row, i) => {
    if (i > 0) kb.row();
    for (const b of row) kb.text(b.text, b.data);
  });
  return kb;
}

/** Maps Telegram's answers to what the delivery worker should do about them. */
export function classifyTelegramError(err: unknown): ChannelError {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after ?? 1;
      return new ChannelError('rate_limited', err.description, seconds * 1000);
    }
    if (err.error_code === 403) return new ChannelError('unreachable', err.description);
    if (err.error_code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(err.description)) {
      return new ChannelError('unreachable', err.description);
    }
    if (err.error_code >= 500) return new ChannelError('transient', err.description);
    return new ChannelError('permanent', err.description);
  }
  if (err instanceof HttpError) return new ChannelError('transient', err.message);
  return new ChannelError('transient', err instanceof Error ? err.message : String(err));
}

/**
 * The delivery worker's Bot API client: the bot's own (src/telegram), so a fix there (the
 * retry on a kept-alive socket the server closed, for one) serves notices too, and
 * TELEGRAM_FAST_PATH switches both.
 */
export function telegramApiOf(target: BotApiTarget): Api {
  return createBotApi(target);
}

/** Telegram's limit on a document's caption (characters after the HTML is parsed). */
export const CAPTION_LIMIT = 1024;

/**
 * A notice with a file is one message: the document with the notice as its caption. A text too
 * long for a caption goes first as its own message and the document follows captioned with the
 * subject; the one message id recorded is the document's. (A retry after the text went and the
 * document failed repeats the text; the report summaries are written to fit the caption.)
 */
async function sendWithDocument(
  api: Api,
  chatId: number,
  message: RenderedMessage & { document: NonNullable<RenderedMessage['document']> },
) {
  const file = new InputFile(message.document.content, message.document.fileName);
  if (message.text.length <= CAPTION_LIMIT) {
    return api.sendDocument(chatId, file, { caption: message.html, parse_mode: 'HTML', reply_markup: keyboard(message) });
  }
  await api.sendMessage(chatId, message.html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  return api.sendDocument(chatId, file, { caption: message.subject.slice(0, CAPTION_LIMIT), reply_markup: keyboard(message) });
}

export function createTelegramChannel(api: Api): TelegramChannel {
  return {
    name: 'telegram',
    async send(chatId, message) {
      try {
        if (message.document)
          return { messageId: (await sendWithDocument(api, chatId, { ...message, document: message.document })).message_id };
        const sent = await api.sendMessage(chatId, message.html, {
          parse_mode: 'HTML',
          reply_markup: keyboard(message),
          link_preview_options: { is_disabled: true },
        });
        return { messageId: sent.message_id };
      } catch (err) {
        throw classifyTelegramError(err);
      }
    },
    async edit(chatId, messageId, message) {
      try {
        await api.editMessageText(chatId, messageId, message.html, { parse_mode: 'HTML', reply_markup: keyboard(message) });
      } catch (err) {
        // Sending the same text again is not a failure: the parent already sees it.
        if (err instanceof GrammyError && /message is not modified/i.test(err.description)) return;
        throw classifyTelegramError(err);
      }
    },
  };
}
